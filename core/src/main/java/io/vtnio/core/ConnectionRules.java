package io.vtnio.core;


/**
 * The sizes both servers apply to every connection, written once so that {@code compare}
 * measures concurrency models, not different rules. The decisions about a connection's life and
 * their timings are {@link ConnectionPolicy}'s, the life itself is drawn in
 * {@link ConnectionState}, and the read pause marks are {@link ReadPause}'s.
 *
 * <p>Threading: constants only.
 */
public final class ConnectionRules {

    /** The port a server listens on, and the generator connects to, without {@code --port}. */
    public static final int DEFAULT_PORT = 8001;

    /**
     * Pending connections the kernel may queue per port; it caps this at
     * {@code net.core.somaxconn}. Java's default of 50 would refuse connections during a fast ramp-up.
     */
    public static final int ACCEPT_BACKLOG = 4096;

    /**
     * The most one read takes from a socket. It also bounds how far past a {@link ReadPause} mark
     * a connection's owed bytes can go: a read in hand is always answered.
     */
    public static final int MAX_READ_BYTES = 64 * 1024;

    private ConnectionRules() {
    }
}
