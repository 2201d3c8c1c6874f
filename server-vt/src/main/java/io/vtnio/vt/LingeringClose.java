package io.vtnio.vt;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * The first half of closing a socket without making the kernel reset it: send FIN after what was
 * written, then read and discard what the peer still sends until it closes too, goes quiet, or
 * time is up. Closing while unread input is pending makes Linux send RST and throw away whatever
 * it has not transmitted yet, which can be the last replies or an {@code ERR} line; once the peer
 * has closed or stopped sending, a close is orderly.
 *
 * <p>Threading: called by the one thread that reads the socket.
 */
final class LingeringClose {

    private LingeringClose() {
    }

    /**
     * Shuts the output down and discards input until end of stream, until no byte has arrived for
     * {@code quietNanos}, or until {@code deadlineNanos} ({@link System#nanoTime} time). Never
     * throws and never closes: the caller closes afterwards, whatever happened.
     *
     * @param scratch any buffer to read the discarded input into
     */
    static void discardInput(Socket socket, InputStream input, byte[] scratch, long deadlineNanos, long quietNanos) {
        try {
            socket.shutdownOutput();
            while (true) {
                long remainingNanos = Math.min(quietNanos, deadlineNanos - System.nanoTime());
                int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, remainingNanos / 1_000_000);
                if (timeoutMillis <= 0) {
                    return;
                }
                socket.setSoTimeout(timeoutMillis);
                if (input.read(scratch, 0, scratch.length) < 0) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // Timed out (quiet or out of time), reset or closed: the caller closes either way.
        }
    }
}
