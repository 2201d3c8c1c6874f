package io.vtnio.core;

import java.io.IOException;

/**
 * How a connection that ended in an exception is counted, decided here once for both servers: a
 * client's reset is a close like any other when the server owed that client nothing, and a fault
 * ({@link ServerMetrics#error}) otherwise. Load generators (wrk, tcpkali, vtnio's own) end every
 * connection with an abortive close (SO_LINGER 0, an RST) once every reply is in, to spare
 * thousands of sockets a minute in TIME_WAIT; counting those as errors would report one per
 * connection and hide real faults.
 *
 * <p>What is owed ({@link Owed}): a partial message held by the decoder (the client was cut off
 * mid-request); a message read and not yet answered (its {@code --work} still running, or in chat
 * its own line not yet back in its outbound queue); bytes queued for it that the socket has not
 * taken (echo replies, an {@code ERR} line, and in chat every line delivered to it, its own or
 * others': the room promised it each line in order, and a member that vanishes with lines queued
 * lost them). Bytes the kernel took and the reset then threw away are not owed: the server had
 * sent them, and a client that resets before reading its replies chose to. In hello mode the only
 * debt is the greeting: once the socket has taken it, a reset is a normal close.
 *
 * <pre>{@code
 * } catch (IOException e) {
 *     if (ConnectionEnd.afterFailure(e, owed()).countsAsError()) {
 *         metrics.error();
 *     }
 * }</pre>
 *
 * <p>Threading: an immutable enum; the methods are pure.
 */
public enum ConnectionEnd {

    /** The client reset a connection it was owed nothing on: counted as closed, not as an error. */
    CLIENT_RESET,

    /** A fault: an I/O error, or a reset while something was owed. Counted as an error too. */
    FAULT;

    /**
     * What a server still owes a connection when it fails.
     *
     * @param partialInputBytes  bytes of a message not yet complete ({@link MessageDecoder#pendingBytes}), {@code >= 0}
     * @param unsentBytes        bytes queued for the client that the socket has not taken, {@code >= 0}
     * @param messageInProgress  true while a message read is not yet answered (work running or
     *                           waiting, a chat line not yet back to its sender)
     */
    public record Owed(long partialInputBytes, long unsentBytes, boolean messageInProgress) {

        /** Nothing at all: between messages, every reply handed to the socket. */
        public static final Owed NOTHING = new Owed(0, 0, false);

        public boolean isNothing() {
            return partialInputBytes == 0 && unsentBytes == 0 && !messageInProgress;
        }
    }

    /**
     * Classifies a connection that ended with {@code failure}.
     *
     * @param failure what ended it; any {@link Throwable}, only a reset can be other than a fault
     * @param owed    what the server owed the connection at that moment
     */
    public static ConnectionEnd afterFailure(Throwable failure, Owed owed) {
        return isReset(failure) && owed.isNothing() ? CLIENT_RESET : FAULT;
    }

    /**
     * True for the exception a read or write raises once the peer reset the connection. The JDK
     * has no type for it, only the message: "Connection reset" from sockets and channels alike
     * ("Connection reset by peer" from a channel's write), checked on JDK 25 on Linux; the
     * Windows text is the socket error WSAECONNRESET's.
     */
    public static boolean isReset(Throwable failure) {
        if (!(failure instanceof IOException) || failure.getMessage() == null) {
            return false;
        }
        String message = failure.getMessage();
        return message.startsWith("Connection reset")
                || message.startsWith("An existing connection was forcibly closed by the remote host");
    }

    /** True for a {@link #FAULT}, which {@link ServerMetrics#error} counts. */
    public boolean countsAsError() {
        return this == FAULT;
    }
}
