package io.vtnio.nio;

import java.util.ArrayList;

/**
 * The open connections of one loop, for chat delivery and draining. Removal swaps the last
 * connection into the freed slot (each connection remembers its slot), so joining and leaving
 * are O(1) and cost one array slot per connection.
 *
 * <p>Iterate backwards: removing the current element then only moves an element already visited.
 *
 * <p>Threading: confined to its loop thread.
 */
final class LiveConnections {

    private final ArrayList<Connection> connections = new ArrayList<>();

    void add(Connection connection) {
        connection.slot(connections.size());
        connections.add(connection);
    }

    void remove(Connection connection) {
        int slot = connection.slot();
        if (slot < 0) {
            return;
        }
        Connection last = connections.remove(connections.size() - 1);
        if (last != connection) {
            connections.set(slot, last);
            last.slot(slot);
        }
        connection.slot(-1);
    }

    int size() {
        return connections.size();
    }

    boolean isEmpty() {
        return connections.isEmpty();
    }

    Connection get(int index) {
        return connections.get(index);
    }
}
