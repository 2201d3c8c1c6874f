package io.vtnio.vt;

import io.vtnio.core.ConnectionEnd;
import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionRules;
import io.vtnio.core.ConnectionState;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.time.Duration;

/**
 * One admitted socket, where it is in its {@link ConnectionState life}, and the rules for ending
 * it, the blocking way: the session walks OPEN → FINISHING (end of stream, a stop noticed after
 * a read, or an ERR line owed: it sends what it owes) → LINGERING ({@link LingeringClose}) →
 * CLOSED in straight-line code on its own thread. The socket is closed exactly once, whoever gets
 * there first (its session, its chat writer, a broadcaster dropping a slow consumer, or a forced
 * stop), and that one close is what {@link ServerMetrics#connectionClosed} counts and what gives
 * its {@link ConnectionLimit} place back. Faults are counted only by whoever closes, so a socket
 * closed on purpose does not turn its session's failing read into an error.
 *
 * <p>A graceful stop is seen by the session after the read in hand ({@link #stopRequested}); if
 * it is blocked in a read on an {@linkplain ConnectionRules#IDLE idle} connection, the stop
 * {@linkplain #stopReading shuts its input} instead: a blocked read can only be woken by shutting
 * its input or closing, after which nothing more can be read, and closing while the client may
 * still send makes the kernel answer those bytes with RST.
 *
 * <p>Threading: {@link #read} is called only by the connection's thread and {@link #output} written
 * by one thread at a time (that thread, or in chat mode the member's writer); every other method
 * may be called from any thread.
 */
final class Connection {

    private static final long IDLE_NANOS = ConnectionRules.IDLE.toNanos();
    private static final long STOP_QUIET_NANOS = ConnectionRules.STOP_QUIET.toNanos();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Connection.class, "state", ConnectionState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private final ServerMetrics metrics;
    private final LiveConnections owner;
    // A VarHandle over a plain field instead of an AtomicReference: one object less per connection.
    private volatile ConnectionState state = ConnectionState.OPEN;
    private volatile Thread thread;
    /** {@link System#nanoTime} when the read in progress began; 0 while not in a read. */
    private volatile long readingSinceNanos;
    private volatile boolean inputShut;

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

    /**
     * Blocks until bytes arrive and reads them into {@code buffer}, as {@link ReadBuffer#readFrom},
     * noting meanwhile that this connection is waiting for its client.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    int read(ReadBuffer buffer) throws IOException {
        readingSinceNanos = System.nanoTime() | 1; // never 0, which means "not reading"
        try {
            return buffer.readFrom(input);
        } finally {
            readingSinceNanos = 0;
        }
    }

    OutputStream output() {
        return output;
    }

    void thread(Thread thread) {
        this.thread = thread;
    }

    /** The thread running this connection's session; null until it is created. */
    Thread thread() {
        return thread;
    }

    /** Its thread is about to end: it no longer needs draining or a forced close. */
    void ended() {
        owner.ended(this);
    }

    boolean isClosed() {
        return state == ConnectionState.CLOSED;
    }

    /** The session stops reading and sends what it still owes; then it closes or lingers. */
    void finish() {
        STATE.compareAndSet(this, ConnectionState.OPEN, ConnectionState.FINISHING);
    }

    /**
     * Closes the socket unless already closed; unblocks any thread reading or writing it.
     *
     * @return true for the one call that actually closed it
     */
    boolean close() {
        return close(false);
    }

    /**
     * As {@link #close()}, counting an error first if {@code fault}: whoever sees the close
     * counted then sees the error too, as in the selector server.
     */
    private boolean close(boolean fault) {
        ConnectionState was;
        do {
            was = state;
            if (was == ConnectionState.CLOSED) {
                return false;
            }
        } while (!STATE.compareAndSet(this, was, ConnectionState.CLOSED));
        try {
            socket.close();
        } catch (IOException ignored) {
            // The descriptor is released even when close reports a problem; nothing to retry.
        }
        if (fault) {
            metrics.error();
        }
        metrics.connectionClosed();
        owner.released();
        return true;
    }

    /** Ends the connection after a fault (broken pipe, ...), counting it unless it was already closed. */
    void fail() {
        end(ConnectionEnd.FAULT);
    }

    /**
     * Ends the connection after an exception, counting it as {@code end} says unless it was already
     * closed: a client's reset when nothing was owed is only a close.
     */
    void end(ConnectionEnd end) {
        close(end.countsAsError());
    }

    /**
     * True once a graceful stop has begun: the session answers the read in hand, then closes
     * {@linkplain #closeWhenQuiet quietly}.
     */
    boolean stopRequested() {
        return owner.stopping();
    }

    /**
     * True while the session has been blocked in one read for {@link ConnectionRules#IDLE} and no input is
     * waiting. The last check matters under load: a session whose bytes have arrived may still
     * wait for a carrier thread, and looks blocked in its read meanwhile.
     */
    boolean isIdleInRead(long nowNanos) {
        long since = readingSinceNanos;
        if (since == 0 || nowNanos - since < IDLE_NANOS) {
            return false;
        }
        try {
            return input.available() == 0;
        } catch (IOException e) {
            return true; // closed or reset: shutting its input changes nothing
        }
    }

    /**
     * Makes a blocked or future read return end-of-stream, so the session answers and closes. Used
     * only on an {@linkplain #isIdleInRead idle} connection: input arriving after this can no longer
     * be read, and a close with unread input resets the connection.
     */
    void stopReading() {
        if (inputShut) {
            return;
        }
        inputShut = true;
        try {
            socket.shutdownInput();
        } catch (IOException ignored) {
            // Already closed or reset: the session's read fails on its own and it ends.
        }
    }

    /**
     * Ends a connection after a {@linkplain #stopRequested stop} began and its session has
     * answered everything it read: FIN after the replies, then input discarded until the client
     * closes, stays silent for {@link ConnectionRules#STOP_QUIET}, or the stop's deadline, and only
     * then the close. So a client still sending when the stop came receives every reply and then
     * end of stream, instead of a reset.
     *
     * @param scratch any buffer to read the discarded input into
     */
    void closeWhenQuiet(byte[] scratch) {
        if (inputShut) {
            close(); // nothing more can be read; the connection was idle when its input was shut
            return;
        }
        linger(scratch, owner.stopDeadlineNanos(), STOP_QUIET_NANOS);
    }

    /**
     * Sends FIN after what was written and closes once the peer has closed too or {@code linger}
     * has passed. Closing while unread input is pending would send RST, which can make the peer
     * discard the last thing we wrote (an {@code ERR} line) before reading it.
     *
     * @param scratch any buffer to read the discarded input into
     */
    void closeAfterDraining(byte[] scratch, Duration linger) {
        long lingerNanos = linger.toNanos();
        linger(scratch, System.nanoTime() + lingerNanos, lingerNanos);
    }

    private void linger(byte[] scratch, long deadlineNanos, long quietNanos) {
        STATE.compareAndSet(this, ConnectionState.FINISHING, ConnectionState.LINGERING);
        STATE.compareAndSet(this, ConnectionState.OPEN, ConnectionState.LINGERING);
        LingeringClose.discardInput(socket, input, scratch, deadlineNanos, quietNanos);
        close();
    }

    /** Sends FIN after what was written; the peer sees end-of-stream while it may still write. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }
}
