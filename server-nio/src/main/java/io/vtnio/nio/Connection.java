package io.vtnio.nio;

import io.vtnio.core.DecodeResult;
import io.vtnio.core.MessageDecoder;
import io.vtnio.core.Mode;
import io.vtnio.core.Protocol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One accepted client on its loop: reads, hands messages to the loop's batch (echo, chat or the
 * work queue), writes what it owes, and ends the way the protocol asks.
 *
 * <pre>
 *   OPEN ──read -1, stop(), hello greeting queued──▶ FINISHING ──owes nothing──▶ CLOSED
 *    │   reading paused above the high-water         ▲    │
 *    │   mark, resumed below the low-water mark      │    │ ERR was owed and is flushed
 *    └──────────── line too long: ERR owed ──────────┘    ▼
 *                                                      LINGERING ──EOF or 1 s──▶ CLOSED
 *                                     (output shut down, input read and discarded)
 *
 *   any state ──I/O error, reset, slow consumer, drain timeout──▶ CLOSED
 * </pre>
 *
 * "Owes nothing" means: no work in flight or waiting, no chat lines of its own still on their way
 * back to it, no ERR still to send, and an empty outbound queue.
 *
 * <p>Interest ops follow from the state: {@code OP_READ} while OPEN and not paused (and while
 * LINGERING), {@code OP_WRITE} only while the outbound queue is non-empty. The key is touched
 * only when that changes.
 *
 * <p>Threading: confined to its loop's thread. Worker threads reach it only through
 * {@link EventLoop#execute}; other loops only compare {@link #loop()}.
 */
final class Connection implements ReadinessHandler {

    /** Pending bytes (outbound plus waiting work) at which reading pauses. */
    static final long HIGH_WATER_BYTES = 256 * 1024;
    /** Pending bytes at which a paused connection reads again. */
    static final long LOW_WATER_BYTES = 64 * 1024;
    /** Waiting work items at which reading pauses; half of it resumes. */
    static final int MAX_WAITING_MESSAGES = 1024;
    /** Bounds the writes per wake-up so one fast reader cannot monopolise its loop. */
    private static final int MAX_WRITES_PER_WAKEUP = 16;
    /** How long a connection closed for a too-long line keeps discarding input before closing. */
    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum State { OPEN, FINISHING, LINGERING, CLOSED }

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ServerContext context;
    private final MessageDecoder decoder;
    private final OutboundQueue outbound = new OutboundQueue();
    private PendingWork pendingWork;
    private SelectionKey key;
    private LoopTimer.Timeout lingerTimeout;
    private State state = State.OPEN;
    private int interestOps;
    private int slot = -1;
    private int chatBatchesInFlight;
    private boolean readPaused;
    private boolean errorReplyOwed;
    private boolean lingerAfterFlush;
    /** The last thing owed is queued (greeting, ERR): chat lines must not follow it. */
    private boolean outputSealed;
    private boolean flushRequested;

    Connection(EventLoop loop, SocketChannel channel, ServerContext context) {
        this.loop = loop;
        this.channel = channel;
        this.context = context;
        this.decoder = context.mode() == Mode.HELLO ? null : context.config().newDecoder();
    }

    /** Called once, right after registration, with the key (interest ops still 0). */
    void start(SelectionKey key) {
        this.key = key;
        try {
            if (context.mode() == Mode.HELLO) {
                state = State.FINISHING;
                outputSealed = true;
                context.metrics().messagesOut(1);
                send(ByteBuffer.wrap(context.greetingLine()));
            }
            updateInterest();
            finishIfDone();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onReady(SelectionKey key) {
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            onWritable();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && state != State.CLOSED) {
            onReadable();
        }
    }

    private void onReadable() {
        try {
            doOnReadable();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void doOnReadable() throws IOException {
        if (state == State.LINGERING) {
            discardInput();
            return;
        }
        if (state != State.OPEN || readPaused) {
            return; // readiness reported before the interest change took effect
        }
        ByteBuffer in = loop.readBuffer();
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            state = State.FINISHING; // half-close: answer what was read, then close
            updateInterest();
            finishIfDone();
            return;
        }
        if (n == 0) {
            return;
        }
        MessageBatch batch = loop.intake();
        batch.begin(this);
        DecodeResult result = decoder.decode(in.array(), 0, n, batch);
        context.metrics().messagesIn(batch.messages(), n);
        batch.end();
        if (result == DecodeResult.LINE_TOO_LONG) {
            context.metrics().error();
            errorReplyOwed = true;
            state = State.FINISHING;
        }
        updateInterest();
        finishIfDone();
    }

    private void discardInput() throws IOException {
        ByteBuffer in = loop.readBuffer();
        in.clear();
        if (channel.read(in) < 0) {
            close();
        }
    }

    private void onWritable() {
        try {
            writeQueued();
            updateInterest();
            finishIfDone();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** Like {@link #send}, for the loop's output buffer: what the socket refuses is copied. */
    void sendFromLoopBuffer(ByteBuffer loopBuffer) throws IOException {
        write(loopBuffer, true);
    }

    /**
     * Writes {@code buffer} now if nothing is queued ahead of it and queues the buffer itself
     * with whatever the socket does not take; it must never be written into again.
     */
    void send(ByteBuffer buffer) throws IOException {
        write(buffer, false);
    }

    private void write(ByteBuffer buffer, boolean reusable) throws IOException {
        if (state == State.CLOSED || state == State.LINGERING || !buffer.hasRemaining()) {
            return;
        }
        boolean triedSocket = false;
        if (outbound.isEmpty()) {
            context.metrics().bytesOut(channel.write(buffer));
            triedSocket = true;
        }
        if (buffer.hasRemaining()) {
            if (reusable) {
                outbound.addCopy(buffer);
            } else {
                outbound.add(buffer);
            }
            // Bytes queued without a write attempt (a batch overflow) may fit now; a full
            // socket (OP_WRITE on) will say when it has room.
            if (!triedSocket && (interestOps & SelectionKey.OP_WRITE) == 0) {
                writeQueued();
            }
        }
        updateInterest();
    }

    /** Queues a copy of {@code buffer}'s rest without I/O; a send or OP_WRITE follows. */
    void queueCopy(ByteBuffer buffer) {
        if (buffer.hasRemaining()) {
            outbound.addCopy(buffer);
        }
    }

    /** Queues {@code buffer} itself without I/O; it must never be written to again. */
    void queue(ByteBuffer buffer) {
        outbound.add(buffer);
    }

    private void writeQueued() throws IOException {
        if (!outbound.isEmpty()) {
            context.metrics().bytesOut(outbound.writeTo(channel, loop.gatherScratch(), MAX_WRITES_PER_WAKEUP));
        }
    }

    /** Recomputes back-pressure and sets the interest ops that follow from the state. */
    private void updateInterest() {
        if (state == State.CLOSED) {
            return;
        }
        long waitingBytes = pendingWork == null ? 0 : pendingWork.waitingBytes();
        int waitingMessages = pendingWork == null ? 0 : pendingWork.waitingCount();
        long owedBytes = outbound.pendingBytes() + waitingBytes;
        if (readPaused) {
            readPaused = owedBytes > LOW_WATER_BYTES || waitingMessages > MAX_WAITING_MESSAGES / 2;
        } else {
            readPaused = owedBytes >= HIGH_WATER_BYTES || waitingMessages >= MAX_WAITING_MESSAGES;
        }
        int ops = 0;
        if ((state == State.OPEN && !readPaused) || state == State.LINGERING) {
            ops |= SelectionKey.OP_READ;
        }
        if (!outbound.isEmpty() && state != State.LINGERING) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (ops != interestOps && key.isValid()) {
            key.interestOps(ops);
            interestOps = ops;
        }
    }

    /** In FINISHING, sends the ERR once all else is out, then closes or lingers when owing nothing. */
    private void finishIfDone() throws IOException {
        if (state != State.FINISHING
                || (pendingWork != null && !pendingWork.isIdle())
                || chatBatchesInFlight > 0) {
            return;
        }
        if (errorReplyOwed) {
            errorReplyOwed = false;
            outputSealed = true;
            lingerAfterFlush = true;
            send(ByteBuffer.wrap(Protocol.ERR_LINE_TOO_LONG));
        }
        if (state != State.FINISHING || !outbound.isEmpty()) {
            return;
        }
        if (lingerAfterFlush) {
            startLinger();
        } else {
            close();
        }
    }

    /**
     * Closing with unread input would make the kernel send RST, and the client could lose the
     * ERR it has not read yet. So: FIN first, then read and discard until the client closes too.
     */
    private void startLinger() throws IOException {
        state = State.LINGERING;
        lingerTimeout = loop.timer().schedule(LINGER_NANOS, this::close);
        channel.shutdownOutput();
        updateInterest();
    }

    // ---- work (--work)

    PendingWork pendingWork() {
        if (pendingWork == null) {
            pendingWork = new PendingWork(this, context);
        }
        return pendingWork;
    }

    /** Hands the next waiting message to the worker pool if none is in flight. */
    void startNextWork() {
        if (state == State.CLOSED || pendingWork == null) {
            return;
        }
        try {
            pendingWork.startNext();
        } catch (RejectedExecutionException e) {
            close(); // the server is past its drain timeout
        }
    }

    /** A worker finished {@code message}; runs on this connection's loop. */
    void onWorkDone(byte[] message) {
        try {
            doOnWorkDone(message);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void doOnWorkDone(byte[] message) throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        pendingWork.finished();
        MessageBatch replies = loop.replies();
        replies.begin(this);
        replies.onMessage(message, 0, message.length);
        replies.end();
        startNextWork();
        updateInterest();
        finishIfDone();
    }

    // ---- chat

    /** True while chat lines are still wanted: open or finishing, and nothing final queued. */
    boolean acceptsChat() {
        return (state == State.OPEN || state == State.FINISHING) && !outputSealed;
    }

    /** This connection published lines that must reach it before it may close. */
    void publishedChatBatch() {
        chatBatchesInFlight++;
    }

    /** Lines this connection published have reached every member of its own loop, itself included. */
    void chatBatchDelivered() {
        chatBatchesInFlight--;
        if (state == State.FINISHING) {
            try {
                finishIfDone();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    /**
     * Queues chat lines shared with other members. Over {@code maxOutboundBytes} after the socket
     * had a chance to take some, the connection is a slow consumer and is dropped.
     */
    void deliverChat(ByteBuffer lines, long maxOutboundBytes) {
        try {
            outbound.add(lines);
            if (outbound.pendingBytes() > maxOutboundBytes && (interestOps & SelectionKey.OP_WRITE) == 0) {
                writeQueued();
            }
            if (outbound.pendingBytes() > maxOutboundBytes) {
                context.metrics().slowConsumerDropped();
                close();
                return;
            }
            loop.requestFlush(this);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** Claims a place in the loop's flush list; false if already there. */
    boolean markFlushRequested() {
        if (flushRequested) {
            return false;
        }
        flushRequested = true;
        return true;
    }

    /** The loop's end-of-iteration flush, Netty's {@code flush} after a batch of tasks. */
    void flushRequested() {
        flushRequested = false;
        if (state == State.CLOSED) {
            return;
        }
        try {
            if ((interestOps & SelectionKey.OP_WRITE) == 0) {
                writeQueued();
            }
            updateInterest();
            finishIfDone();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    // ---- stop and close

    /** The server is stopping: no more reading; close as soon as nothing is owed. */
    void beginDrain() {
        if (state == State.LINGERING) {
            close();
            return;
        }
        if (state == State.OPEN) {
            state = State.FINISHING;
        }
        try {
            updateInterest();
            finishIfDone();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** A fault on this connection only: count it (unless already on the way out) and close. */
    private void fail(Exception e) {
        if (state != State.LINGERING && state != State.CLOSED) {
            context.metrics().error();
        }
        if (!(e instanceof IOException)) {
            System.getLogger(Connection.class.getName())
                    .log(System.Logger.Level.WARNING, "closing a connection after an unexpected failure", e);
        }
        close();
    }

    @Override
    public void closeNow() {
        close();
    }

    private void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (lingerTimeout != null) {
            lingerTimeout.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that was left to do with it.
        }
        outbound.clear();
        pendingWork = null;
        loop.closed(this);
        context.metrics().connectionClosed();
    }

    EventLoop loop() {
        return loop;
    }

    int slot() {
        return slot;
    }

    void slot(int slot) {
        this.slot = slot;
    }
}
