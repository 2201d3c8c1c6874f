package io.vtnio.loadgen.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One client connection of a {@link ClientLoop}: connecting, reading, writing with a backlog
 * for what the socket does not take, closing, and turning every failure into a counted error
 * that names the connection. Subclasses ({@code EchoConnection}, {@code ChatConnection},
 * {@code HelloAttempt}) say what to send and how to check what comes back.
 *
 * <pre>
 *   CONNECTING --finishConnect--&gt; CONNECTED --startTraffic--&gt; SENDING --stopSending--&gt; DRAINING
 *        |                            |                           |                      |
 *        +---- refused / timeout -----+-- reset, EOF, timeout, wrong reply ------------&gt; CLOSED
 * </pre>
 *
 * <p>A connection is used once: an echo connection that fails while sending is reopened by its
 * workload as a new {@link #successor} ({@code PersistentConnections}).
 *
 * <p>Each event has a thin wrapper that catches and fails ({@link #onSelected}) around the
 * method that does the work. Writes go out at once from the loop's shared send buffer; only
 * bytes the socket refuses are copied into a per-connection backlog, and only then is
 * {@code OP_WRITE} registered, so an idle connection holds no buffer of its own.
 *
 * <p>Its fields are private and it has three faces: the loop drives it (package-private:
 * {@link #open}, {@link #onSelected}, slots); the workload that opened it follows its lifecycle
 * (public: {@link #startTraffic}, {@link #stopSending}, {@link #isDrained}, {@link #finish},
 * {@link #successor}, {@link #close}); and a mode's subclass fills in the protected hooks
 * ({@link #onBytes}, {@link #onEndOfStream}, {@link #waitingSinceNs}) and talks back to the loop
 * only through the protected methods here ({@link #scheduleAt}, {@link #record}, {@link #fail},
 * {@link #flush}, ...).
 *
 * <p>Threading: every method runs on the owning loop's thread.
 */
public abstract class ClientConnection extends LoopTimer {

    /** Backlog buffers up to this size stay with the connection once drained; larger ones are dropped. */
    private static final int RETAINED_BACKLOG_BYTES = 4096;

    private final ClientLoop loop;
    /** Index over all connections of the run (all processes), used in payloads and names. */
    private final int index;
    private final InetSocketAddress target;
    /** Source address to bind before connecting, or null for the system's choice. */
    private final InetAddress bindAddress;

    private SocketChannel channel;
    private SelectionKey key;
    /** Position in the loop's list of live connections; maintained by the loop. */
    private int liveSlot = -1;
    /** Position in the workload's list of connections; maintained by the workload. */
    private int workloadSlot = -1;
    private long connectStartNs;
    private boolean connected;
    /** The server closed its side: this side will not linger in TIME_WAIT. */
    private boolean endOfStream;
    private boolean closed;
    /** Bytes handed to the socket so far. */
    private long bytesWritten;
    private ByteBuffer backlog;

    protected ClientConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress) {
        this.loop = loop;
        this.index = index;
        this.target = target;
        this.bindAddress = bindAddress;
    }

    /** The loop that owns this connection, for making a successor on it. */
    protected final ClientLoop loop() {
        return loop;
    }

    /** Index over all connections of the run (all processes), used in payloads and names. */
    public final int index() {
        return index;
    }

    protected final InetSocketAddress target() {
        return target;
    }

    /** Source address to bind before connecting, or null for the system's choice. */
    protected final InetAddress bindAddress() {
        return bindAddress;
    }

    public final boolean isConnected() {
        return connected;
    }

    public final boolean isClosed() {
        return closed;
    }

    /** When the connect began. */
    protected final long connectStartNs() {
        return connectStartNs;
    }

    /** Bytes handed to the socket so far. */
    protected final long bytesWritten() {
        return bytesWritten;
    }

    /** Position in the workload's list of connections, or -1; maintained by the workload. */
    public final int workloadSlot() {
        return workloadSlot;
    }

    public final void setWorkloadSlot(int slot) {
        workloadSlot = slot;
    }

    int liveSlot() {
        return liveSlot;
    }

    void setLiveSlot(int slot) {
        liveSlot = slot;
    }

    /** Schedules {@link #onDue} at {@code dueNs} on the owning loop (again: moves it). */
    protected final void scheduleAt(long dueNs) {
        loop.timers().schedule(this, dueNs);
    }

    /** Cancels a scheduled {@link #onDue}, if any. */
    protected final void unschedule() {
        loop.timers().remove(this);
    }

    /** Records one reply's latency and service time into the loop's recorders. */
    protected final void record(long latencyNs, long serviceNs) {
        loop.recorder().record(latencyNs, serviceNs);
    }

    /** Counts {@code count} errors of one kind with their reason, without closing. */
    protected final void countErrors(ErrorKind kind, long count, String message) {
        loop.errors().report(kind, count, message);
    }

    /** The run's counters of connections (opened, greeted, reopened). */
    protected final ConnectionCounters counters() {
        return loop.counters();
    }

    /** When the run's traffic starts, on the loop's clock: open-model schedules start there. */
    protected final long trafficStartNs() {
        return loop.trafficStartNs();
    }

    /** The run's rate changes, for the open model's schedule. */
    protected final RateChanges rateChanges() {
        return loop.rateChanges();
    }

    /** Tells the loop this connection became ready later than it connected (chat: joined). */
    protected final void markReady(long nowNs) {
        loop.onReady(this, nowNs);
    }

    /**
     * Opens the socket, binds it to {@code source} when not null and starts connecting; the
     * selector then reports the connect. Called by the loop.
     */
    void open(Selector selector, InetSocketAddress source, long nowNs) throws IOException {
        connectStartNs = nowNs;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (source != null) {
            if (source.getPort() != 0) {
                // A port left in TIME_WAIT (by another program, or a run that did not reset) may be
                // bound again; connecting from it to the same target is then the kernel's call.
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.bind(source);
        }
        boolean connectedAtOnce = channel.connect(target);
        key = channel.register(selector, connectedAtOnce ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        if (connectedAtOnce) {
            markConnected(nowNs);
        }
    }

    /** Closes a socket whose bind or connect failed, so that the loop may try another source port. */
    void abandonSocket() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // A socket that never connected holds nothing worth a second attempt.
            }
            channel = null;
        }
    }

    /**
     * True when the loop binds a source port chosen by {@link SourcePorts} before connecting:
     * connections that stay open do; short-lived ones ({@code HelloAttempt}) leave it to the
     * kernel, whose choice also looks at the target.
     */
    protected boolean choosesSourcePort() {
        return true;
    }

    /** Called once the connection is established. */
    protected void onConnected(long nowNs) {
    }

    /**
     * True once traffic may start on this connection: when connected, except for chat, which
     * must first see the server broadcast to it ({@code ChatConnection}).
     */
    public boolean isReady() {
        return connected;
    }

    /** Bytes read into {@code bytes[0, length)}, valid only during the call. */
    protected abstract void onBytes(byte[] bytes, int length, long nowNs);

    /** The server closed its side. */
    protected abstract void onEndOfStream(long nowNs);

    /** {@link #bytesWritten} grew to {@code totalBytes}: messages ending before it have left. */
    protected void onWritten(long totalBytes, long nowNs) {
    }

    /** The run's traffic begins (warm-up first). */
    public void startTraffic(long nowNs) {
    }

    /** No new requests from now on; replies still owed are awaited. */
    public void stopSending(long nowNs) {
    }

    /** True when nothing is owed to or by this connection any more. */
    public abstract boolean isDrained();

    /**
     * The time from which the oldest thing this connection waits for is timed (a connect, a
     * reply), or {@link Long#MAX_VALUE} when it waits for nothing.
     */
    protected abstract long waitingSinceNs();

    /** What {@link #waitingSinceNs} times has waited longer than {@code --timeout}: fail. */
    protected void onTimeout(long timeoutMs) {
        if (connected) {
            fail(ErrorKind.TIMEOUT, describe() + ": no reply within " + timeoutMs + " ms (--timeout)");
        } else {
            fail(ErrorKind.CONNECT, "cannot connect to " + address(target) + ": timed out after " + timeoutMs
                    + " ms (--timeout)");
        }
    }

    /** The drain deadline passed: count what is still owed as errors and close. */
    public abstract void finish(long nowNs);

    /**
     * A fresh, unconnected connection to take this one's place after it failed during traffic,
     * or null when this kind is not reopened (the default; chat keeps a failed receiver closed,
     * since the lines broadcast while it was away could not be checked).
     */
    public ClientConnection successor() {
        return null;
    }

    /** True once a reply was verified here: the connection worked before it failed. */
    public boolean hasVerifiedReply() {
        return false;
    }

    /** Open-model sends; connections that schedule nothing never get this. */
    @Override
    protected void onDue(long nowNs) {
    }

    /** Readiness reported by the selector; failures become counted errors. */
    final void onSelected(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                doFinishConnect();
                return;
            }
            if ((readyOps & SelectionKey.OP_READ) != 0) {
                doOnReadable();
            }
            if (!closed && (readyOps & SelectionKey.OP_WRITE) != 0) {
                doOnWritable();
            }
        } catch (IOException e) {
            failIo(e);
        }
    }

    /** Reports a failed connect or I/O operation and closes. */
    final void failIo(IOException e) {
        if (connected) {
            // A connection that did connect fails under what happened to it, never as a connect error.
            String reason = String.valueOf(e.getMessage());
            fail(reason.contains("reset") ? ErrorKind.RESET : ErrorKind.IO, describe() + ": " + reason);
        } else {
            fail(ErrorKind.CONNECT, "cannot connect to " + address(target) + source() + ": " + e.getMessage());
        }
    }

    private void doFinishConnect() throws IOException {
        if (channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_READ);
            markConnected(System.nanoTime());
        }
    }

    /** Called by the loop (or {@link #doFinishConnect}) when the connect completed. */
    final void markConnected(long nowNs) {
        connected = true;
        loop.onConnected(this, nowNs);
        onConnected(nowNs);
    }

    private void doOnReadable() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        buffer.clear();
        int n = channel.read(buffer);
        long nowNs = System.nanoTime();
        if (n < 0) {
            endOfStream = true;
            onEndOfStream(nowNs);
        } else if (n > 0) {
            onBytes(buffer.array(), n, nowNs);
        }
    }

    private void doOnWritable() throws IOException {
        if (backlog == null) {
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        backlog.flip();
        int n = channel.write(backlog);
        backlog.compact();
        if (n > 0) {
            bytesWritten += n;
            onWritten(bytesWritten, System.nanoTime());
        }
        if (backlog.position() == 0) {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (backlog.capacity() > RETAINED_BACKLOG_BYTES) {
                backlog = null;
            }
        }
    }

    /** The loop's send buffer, cleared, for composing messages; flush it with {@link #flush}. */
    protected final ByteBuffer composeBuffer() {
        ByteBuffer buffer = loop.sendBuffer();
        buffer.clear();
        return buffer;
    }

    /** Flushes the compose buffer first if fewer than {@code bytes} bytes of room are left. */
    protected final void ensureRoom(ByteBuffer composed, int bytes, long nowNs) {
        if (composed.remaining() < bytes) {
            flush(composed, nowNs);
            composed.clear();
        }
    }

    /**
     * Writes what was composed: straight to the socket, or behind an existing backlog; what the
     * socket does not take goes to the backlog and turns {@code OP_WRITE} on. On failure the
     * connection is failed and closed; callers check {@link #closed}.
     */
    protected final void flush(ByteBuffer composed, long nowNs) {
        composed.flip();
        if (closed || !composed.hasRemaining()) {
            return;
        }
        if (hasBacklog()) {
            appendToBacklog(composed);
            return;
        }
        try {
            int n = channel.write(composed);
            if (n > 0) {
                bytesWritten += n;
                onWritten(bytesWritten, nowNs);
            }
            if (composed.hasRemaining()) {
                appendToBacklog(composed);
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            failIo(e);
        }
    }

    protected final boolean hasBacklog() {
        return backlog != null && backlog.position() > 0;
    }

    private void appendToBacklog(ByteBuffer bytes) {
        int needed = bytes.remaining() + (backlog == null ? 0 : backlog.position());
        if (backlog == null || backlog.capacity() < needed) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(needed, backlog == null ? 256 : backlog.capacity() * 2));
            if (backlog != null) {
                backlog.flip();
                grown.put(backlog);
            }
            backlog = grown;
        }
        backlog.put(bytes);
    }

    /** Counts an error naming this connection's problem, then closes. Later failures are ignored. */
    protected final void fail(ErrorKind kind, String message) {
        if (closed) {
            return;
        }
        loop.errors().report(kind, message);
        close();
    }

    /**
     * The first reply shows the server runs another mode than this run's: counts it, keeps the
     * one line that says so and ends the run; later failures of this connection are ignored.
     */
    protected final void failMismatch(ErrorKind kind, String message) {
        if (closed) {
            return;
        }
        loop.errors().reportMismatch(kind, message);
        loop.abortRun();
        close();
    }

    /** Closes the socket and leaves the loop; safe to call twice. */
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClosing();
        loop.timers().remove(this);
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                if (connected && !endOfStream) {
                    resetOnClose();
                }
                channel.close();
            } catch (IOException ignored) {
                // Nothing useful left to do with a socket that cannot even close.
            }
        }
        loop.onClosed(this);
    }

    /**
     * Abortive close (RST), as wrk and tcpkali end their connections: whoever closes first keeps
     * the socket in TIME_WAIT for a minute, and 19,000 of those would hold the source ports the
     * next run needs. Only reached once nothing is owed (the drain is over) or the connection
     * failed anyway. After the server closed first there is no TIME_WAIT on this side, and a
     * normal close then leaves the server's side alone.
     */
    private void resetOnClose() {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException ignored) {
            // A socket that cannot take the option closes normally; it costs a TIME_WAIT at worst.
        }
    }

    /** Hook run once, just before the socket closes. */
    protected void onClosing() {
    }

    /** {@code " from 127.0.0.2:40001"} when the socket was bound, for error messages; else empty. */
    private String source() {
        try {
            if (channel != null && channel.getLocalAddress() instanceof InetSocketAddress local) {
                return " from " + address(local);
            }
        } catch (IOException ignored) {
            // A closed socket no longer knows its address; the message goes without it.
        }
        return bindAddress == null ? "" : " from " + bindAddress.getHostAddress();
    }

    /** {@code "connection 17 to 127.0.0.1:8001"}, for error messages. */
    protected final String describe() {
        return "connection " + index + " to " + address(target);
    }

    protected static String address(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
