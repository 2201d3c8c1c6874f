package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The slot bookkeeping only: a {@link Connection} is built without a loop or a channel, which its
 * constructor never touches, and is never started.
 */
class LiveConnectionsTest {

    private static final ServerContext ECHO_CONTEXT = new ServerContext(ServerConfig.parse("--mode", "echo"),
            new ServerMetrics(), null, null, null, null, null, null, null);

    private final LiveConnections live = new LiveConnections();

    private static Connection unstarted() {
        return new Connection(null, null, ECHO_CONTEXT);
    }

    private List<Connection> addThree() {
        List<Connection> added = List.of(unstarted(), unstarted(), unstarted());
        added.forEach(live::add);
        return added;
    }

    private void assertSlotsMatchPositions() {
        for (int i = 0; i < live.size(); i++) {
            assertEquals(i, live.get(i).slot(), "slot of the connection at " + i);
        }
    }

    @Test
    void addGivesEachConnectionTheNextSlot() {
        List<Connection> added = addThree();

        assertEquals(3, live.size());
        for (int i = 0; i < 3; i++) {
            assertSame(added.get(i), live.get(i));
            assertEquals(i, added.get(i).slot());
        }
    }

    @Test
    void removingFromTheMiddleMovesTheLastIntoTheFreedSlot() {
        List<Connection> added = addThree();

        live.remove(added.get(0));

        assertEquals(2, live.size());
        assertSame(added.get(2), live.get(0));
        assertSame(added.get(1), live.get(1));
        assertEquals(-1, added.get(0).slot());
        assertSlotsMatchPositions();
    }

    @Test
    void removingTheLastMovesNothing() {
        List<Connection> added = addThree();

        live.remove(added.get(2));

        assertEquals(2, live.size());
        assertSame(added.get(0), live.get(0));
        assertSame(added.get(1), live.get(1));
        assertEquals(-1, added.get(2).slot());
    }

    @Test
    void removingTwiceRemovesOnce() {
        List<Connection> added = addThree();

        live.remove(added.get(1));
        live.remove(added.get(1));

        assertEquals(2, live.size());
        assertEquals(Set.of(added.get(0), added.get(2)), Set.of(live.get(0), live.get(1)));
        assertSlotsMatchPositions();
    }

    @Test
    void removingTheOnlyConnectionEmptiesIt() {
        Connection only = unstarted();
        live.add(only);

        live.remove(only);

        assertTrue(live.isEmpty());
        assertEquals(-1, only.slot());
    }

    @Test
    void aRemovedConnectionCanBeAddedAgain() {
        List<Connection> added = addThree();
        live.remove(added.get(0));

        live.add(added.get(0));

        assertEquals(3, live.size());
        assertSame(added.get(0), live.get(2));
        assertSlotsMatchPositions();
    }

    @Test
    void iteratingBackwardsWhileRemovingVisitsEveryConnectionOnce() {
        List<Connection> added = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            added.add(unstarted());
            live.add(added.get(i));
        }
        Set<Connection> visited = new HashSet<>();
        for (int i = live.size() - 1; i >= 0; i--) {
            Connection connection = live.get(i);
            assertTrue(visited.add(connection), "visited twice at " + i);
            // Every other one closes while the loop walks them, as a drain does.
            if (i % 2 == 0) {
                live.remove(connection);
            }
        }

        assertEquals(new HashSet<>(added), visited);
        assertEquals(5, live.size());
        assertSlotsMatchPositions();
    }

    @Test
    void isEmptyOnlyWithoutConnections() {
        assertTrue(live.isEmpty());

        live.add(unstarted());

        assertFalse(live.isEmpty());
    }
}
