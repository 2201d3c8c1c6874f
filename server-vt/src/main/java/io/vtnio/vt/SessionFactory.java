package io.vtnio.vt;

/**
 * Creates the session for a new connection in the server's {@code --mode}; the one place that
 * knows which {@link ConnectionSession} a mode uses. State all connections share (the chat
 * room, the echo reply builder) is captured by the factory.
 *
 * <p>Threading: {@link #open} is called by the accept loops, concurrently for several ports.
 */
@FunctionalInterface
interface SessionFactory {

    ConnectionSession open(Connection connection);
}
