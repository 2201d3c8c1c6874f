package io.vtnio.vt;

import io.vtnio.core.ConnectionEnd;
import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ConnectionPolicy.Finish;
import io.vtnio.core.ConnectionState;
import io.vtnio.core.ServerMetrics;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;

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
 * it is blocked in a read on an {@linkplain ConnectionPolicy#isIdle idle} connection, the stop
 * {@linkplain #stopReading shuts its input} instead: a blocked read can only be woken by shutting
 * its input or closing, after which nothing more can be read, and closing while the client may
 * still send makes the kernel answer those bytes with RST.
 *
 * <p>Threading: {@link #read} is called only by the connection's thread and {@link #output} written
 * by one thread at a time (that thread, or in chat mode the member's writer); every other method
 * may be called from any thread.
 */
final class Connection {

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
    /** {@link System#nanoTime} when a write last returned: bytes handed to the kernel. */
    private volatile long lastWriteNanos = System.nanoTime();
    /** The socket's read timeout as last set by {@link #read(ReadBuffer, int)}; read by that thread only. */
    private int readTimeoutMillis;

    /** Takes over {@code socket}; on failure the caller still owns it and must close it. */
    Connection(Socket socket, ServerMetrics metrics, LiveConnections owner) throws IOException {
        this.socket = socket;
        this.metrics = metrics;
        this.owner = owner;
        // Replies are small and already batched per read; Nagle would only add latency.
        socket.setTcpNoDelay(true);
        // The raw socket streams: no 8 KiB BufferedStream copies, batching is done by the caller.
        this.input = socket.getInputStream();
        this.output = new TimedOutput(socket.getOutputStream());
    }

    /** The socket's output stream, noting when each write returned: idle means nothing written too. */
    private final class TimedOutput extends FilterOutputStream {

        TimedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            lastWriteNanos = System.nanoTime();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            lastWriteNanos = System.nanoTime();
        }
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

    /**
     * As {@link #read(ReadBuffer)}, giving up after {@code timeoutMillis} (0: wait for ever).
     *
     * @throws java.net.SocketTimeoutException when nothing came in time
     */
    int read(ReadBuffer buffer, int timeoutMillis) throws IOException {
        if (timeoutMillis != readTimeoutMillis) {
            socket.setSoTimeout(timeoutMillis); // a field of the socket, no system call
            readTimeoutMillis = timeoutMillis;
        }
        return read(buffer);
    }

    OutputStream output() {
        return output;
    }

    /** The decisions about this connection's life, and their timings. */
    ConnectionPolicy policy() {
        return owner.policy();
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
     * True once a graceful stop has begun: the session answers the read in hand, then
     * {@linkplain #closeOrLinger closes or lingers}.
     */
    boolean stopRequested() {
        return owner.stopping();
    }

    /**
     * True while the session is blocked in a read, the connection is {@linkplain
     * ConnectionPolicy#isIdle idle} (nothing read since that read began, nothing written) and no
     * input is waiting. The last check matters under load: a session whose bytes have arrived may
     * still wait for a carrier thread, and looks blocked in its read meanwhile. A chat member still
     * being written to is not idle, whatever it sends.
     */
    boolean isIdleInStop(long nowNanos) {
        long since = readingSinceNanos;
        if (since == 0 || !owner.policy().isIdle(nowNanos, since, lastWriteNanos)) {
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
     * only on an {@linkplain #isIdleInStop idle} connection: input arriving after this can no longer
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
     * Ends a FINISHING connection that owes nothing more, as {@link ConnectionPolicy#afterFinishing}
     * decides: close, or FIN after the replies and input discarded until the client closes, until
     * a while after an ERR line, or until the stop's deadline, and only then the close. So a client
     * still sending when the stop came receives every reply and then end of stream, instead of a reset.
     *
     * @param why     why it finishes
     * @param scratch any buffer to read the discarded input into
     */
    void closeOrLinger(Finish why, byte[] scratch) {
        // Input shut by a stop: the connection was idle then, and nothing more can be read.
        ConnectionPolicy.Exit exit = owner.policy().afterFinishing(why, inputShut || why == Finish.END_OF_STREAM,
                false, System.nanoTime(), owner.stopDeadlineNanos());
        if (!exit.lingers()) {
            close();
            return;
        }
        STATE.compareAndSet(this, ConnectionState.FINISHING, ConnectionState.LINGERING);
        STATE.compareAndSet(this, ConnectionState.OPEN, ConnectionState.LINGERING);
        LingeringClose.discardInput(socket, input, scratch, exit.deadlineNanos(), exit.quietNanos());
        close();
    }

    /** Sends FIN after what was written; the peer sees end-of-stream while it may still write. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }
}
