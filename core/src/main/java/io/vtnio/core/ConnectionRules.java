package io.vtnio.core;

import java.time.Duration;

/**
 * The thresholds both servers apply to every connection, written once so that {@code compare}
 * measures concurrency models, not different rules. The life these times govern is drawn in
 * {@link ConnectionState}; the read pause marks are {@link ReadPause}'s.
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

    /** How long a connection keeps discarding input after an ERR line, so the client reads it rather than a reset. */
    public static final Duration ERROR_LINGER = Duration.ofSeconds(1);

    /** A stopping connection that lingers closes once its client has sent nothing for this long. */
    public static final Duration STOP_QUIET = Duration.ofSeconds(1);

    /**
     * How long a failed connection waits for a writer of its own (a chat member's) to finish the
     * write in hand before counting what is still unwritten as owed ({@link ConnectionEnd}).
     */
    public static final Duration WRITER_SETTLE = Duration.ofSeconds(1);

    /**
     * A connection with nothing read or written for this long is idle: a graceful stop may close
     * it at once, since its client has had ample time to take every reply and is not sending.
     * Written means handed to the kernel, so the period is far above any pause of a working
     * client; closing a busy one instead lingers, which costs little.
     */
    public static final Duration IDLE = Duration.ofSeconds(2);

    private ConnectionRules() {
    }
}
