package io.vtnio.loadgen.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where connection number {@code i} goes and which source address it binds: connections are
 * spread round-robin over the {@code --port}s and, independently, over the {@code --bind}
 * addresses (each bound with port 0 before connecting, so each address brings its own range of
 * ephemeral ports).
 *
 * <p>Threading: immutable; share freely.
 */
public record TargetAddresses(List<InetSocketAddress> targets, List<InetAddress> bindAddresses) {

    public TargetAddresses {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target");
        }
        targets = List.copyOf(targets);
        bindAddresses = List.copyOf(bindAddresses);
    }

    public InetSocketAddress target(long connection) {
        return targets.get((int) Math.floorMod(connection, (long) targets.size()));
    }

    /** The source address for {@code connection}, or null when no {@code --bind} was given. */
    public InetAddress bindAddress(long connection) {
        return bindAddresses.isEmpty() ? null
                : bindAddresses.get((int) Math.floorMod(connection, (long) bindAddresses.size()));
    }

    /** {@code 127.0.0.1:8001,8002}, for the summary. */
    public String describe() {
        StringBuilder text = new StringBuilder(ClientConnection.address(targets.get(0)));
        for (int i = 1; i < targets.size(); i++) {
            text.append(',').append(targets.get(i).getPort());
        }
        return text.toString();
    }
}
