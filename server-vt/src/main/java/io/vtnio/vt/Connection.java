package io.vtnio.vt;

import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.time.Duration;

/**
 * One accepted socket and the rules for ending it: it is closed exactly once, whoever gets there
 * first (its session, its chat writer, a broadcaster dropping a slow consumer, or a forced stop),
 * and that one close is what {@link ServerMetrics#connectionClosed} counts. Faults are counted
 * only by whoever closes, so a socket closed on purpose does not turn its session's failing read
 * into an error.
 *
 * <p>States: OPEN → (input shut by a graceful stop, still OPEN for writing) → CLOSED.
 *
 * <p>Threading: {@link #input} is read only by the connection's thread and {@link #output} written
 * by one thread at a time (that thread, or in chat mode the member's writer); every other method
 * may be called from any thread.
 */
final class Connection {

    /** How long a connection closed for a protocol error keeps reading so the peer sees the ERR line. */
    static final Duration ERROR_LINGER = Duration.ofSeconds(1);

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(Connection.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private final ServerMetrics metrics;
    private final LiveConnections owner;
    // A VarHandle over a plain field instead of an AtomicBoolean: one object less per connection.
    @SuppressWarnings("unused")
    private volatile boolean closed;
    private volatile Thread thread;

    /** Takes over {@code socket}; on failure the caller still owns it and must close it. */
    Connection(Socket socket, ServerMetrics metrics, LiveConnections owner) throws IOException {
        this.socket = socket;
        this.metrics = metrics;
        this.owner = owner;
        // Replies are small and already batched per read; Nagle would only add latency.
        socket.setTcpNoDelay(true);
        // The raw socket streams: no 8 KiB BufferedStream copies, batching is done by the caller.
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    void thread(Thread thread) {
        this.thread = thread;
    }

    /** The virtual thread running this connection's session; null until it is created. */
    Thread thread() {
        return thread;
    }

    /** Its thread is about to end: it no longer needs draining or a forced close. */
    void ended() {
        owner.ended(this);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket unless already closed; unblocks any thread reading or writing it.
     *
     * @return true for the one call that actually closed it
     */
    boolean close() {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return false;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports a problem; nothing to retry.
        }
        metrics.connectionClosed();
        return true;
    }

    /** Ends the connection after a fault (reset, broken pipe, ...), counting it unless it was already closed. */
    void fail() {
        if (close()) {
            metrics.error();
        }
    }

    /** Makes a blocked or future read return end-of-stream, so the session answers and closes. */
    void stopReading() {
        try {
            socket.shutdownInput();
        } catch (IOException ignored) {
            // Already closed or reset: the session's read fails on its own and it ends.
        }
    }

    /**
     * Sends FIN after what was written and closes once the peer has closed too or {@code linger}
     * has passed. Closing while unread input is pending would send RST, which can make the peer
     * discard the last thing we wrote (an {@code ERR} line) before reading it.
     *
     * @param scratch any buffer to read the discarded input into
     */
    void closeAfterDraining(byte[] scratch, Duration linger) {
        try {
            socket.shutdownOutput();
            long deadlineNanos = System.nanoTime() + linger.toNanos();
            while (true) {
                long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
                if (input.read(scratch, 0, scratch.length) < 0) {
                    break;
                }
            }
        } catch (IOException ignored) {
            // Timed out or reset while lingering: the connection is being closed anyway.
        } finally {
            close();
        }
    }

    /** Sends FIN after what was written; the peer sees end-of-stream while it may still write. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }
}
