package io.vtnio.nio;

import io.vtnio.core.ConnectionState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The {@link ConnectionState#LINGERING LINGERING} part of closing a socket without making the
 * kernel reset it, the selector way: FIN after what was written, then input read and discarded
 * on each {@code OP_READ} until the peer closes too, has sent nothing for the quiet period, or
 * the deadline comes, and only then the close. Closing while unread input is pending makes Linux
 * send RST and throw away whatever it has not transmitted yet, which can be the last replies or an
 * {@code ERR} line. Created only when a socket starts to linger, so an open connection pays nothing.
 *
 * <p>Threading: confined to the loop thread that owns the socket.
 */
final class LingeringClose {

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Runnable close;
    private final long quietNanos;
    private final LoopTimer.Timeout deadline;
    private LoopTimer.Timeout quietCheck;
    private long lastInputNanos = System.nanoTime(); // silence counts from here: the peer just got FIN

    /**
     * Shuts the output down and starts lingering; the owner then reads with {@link #discardInput}
     * on every {@code OP_READ} and calls {@link #cancel} when it closes.
     *
     * @param close         closes the socket and everything its owner holds; called at most once from here
     * @param deadlineNanos when to close whatever happens, in {@link System#nanoTime} time
     * @param quietNanos    close once the peer has sent nothing for this long; {@link Long#MAX_VALUE}: only
     *                      at end of stream or the deadline
     */
    LingeringClose(SocketChannel channel, EventLoop loop, Runnable close, long deadlineNanos, long quietNanos)
            throws IOException {
        this.channel = channel;
        this.loop = loop;
        this.close = close;
        this.quietNanos = quietNanos;
        this.deadline = loop.timer().schedule(Math.max(0, deadlineNanos - System.nanoTime()), close);
        channel.shutdownOutput();
        if (quietNanos < deadlineNanos - System.nanoTime()) {
            quietCheck = loop.timer().schedule(quietNanos, this::closeIfQuiet);
        }
    }

    /** Reads and drops what the peer sent; closes at end of stream. */
    void discardInput() throws IOException {
        ByteBuffer scratch = loop.readBuffer();
        scratch.clear();
        int n = channel.read(scratch);
        if (n < 0) {
            close.run();
        } else if (n > 0) {
            lastInputNanos = System.nanoTime();
        }
    }

    private void closeIfQuiet() {
        quietCheck = null;
        long silentNanos = System.nanoTime() - lastInputNanos;
        if (silentNanos >= quietNanos) {
            close.run();
        } else {
            quietCheck = loop.timer().schedule(quietNanos - silentNanos, this::closeIfQuiet);
        }
    }

    /** The owner closed: no timer may fire any more. */
    void cancel() {
        deadline.cancel();
        if (quietCheck != null) {
            quietCheck.cancel();
        }
    }
}
