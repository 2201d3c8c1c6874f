package io.vtnio.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A vtnio protocol server: both the virtual-thread and the selector server implement this, and
 * the conformance suite tests nothing else.
 *
 * <pre>{@code
 * Server server = factory.create(ServerConfig.parse("--port", "0", "--mode", "echo"));
 * server.start();
 * int port = server.localAddresses().get(0).getPort();
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Threading: {@link #start} once, from one thread; {@link #localAddresses} and
 * {@link #metrics} from any thread after start; {@link #stop} from any thread, any number of
 * times (later calls wait for the first to finish).
 */
public interface Server extends AutoCloseable {

    /** Binds every port and starts accepting; returns once all are listening. */
    void start() throws IOException;

    /** The bound addresses in {@code --port} order, with the real port for port 0. */
    List<InetSocketAddress> localAddresses();

    /**
     * Graceful stop: stops accepting and reading, sends every reply owed for messages already
     * read, waiting at most {@code drainTimeout}, then closes every connection. Returns when
     * everything is closed.
     */
    void stop(Duration drainTimeout) throws InterruptedException;

    /** Live counters; cheap to read. */
    ServerMetrics metrics();

    /** Stops with a one-second drain; for try-with-resources in tests. */
    @Override
    default void close() throws InterruptedException {
        stop(Duration.ofSeconds(1));
    }

    /** The {@code listening HOST:PORT ...} line a server prints first on stdout. */
    static String listeningLine(List<InetSocketAddress> addresses) {
        StringBuilder line = new StringBuilder("listening");
        for (InetSocketAddress address : addresses) {
            line.append(' ').append(HostPort.format(address));
        }
        return line.toString();
    }
}
