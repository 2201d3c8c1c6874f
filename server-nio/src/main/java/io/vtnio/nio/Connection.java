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
 *    │   mark, resumed below the low-water mark      │    │ ERR was owed and is flushed,
 *    └──── line too long, refused: ERR owed ─────────┘    │ or a stop found it not idle
 *                                                         ▼
 *                     LINGERING ──EOF; after ERR 1 s; after a stop 1 s of silence or the deadline──▶ CLOSED
 *                                     (output shut down, input read and discarded)
 *
 *   any state ──I/O error, reset, slow consumer, drain timeout──▶ CLOSED
 * </pre>
 *
 * "Owes nothing" means: no work in flight or waiting, no chat lines of its own still on their way
 * back to it, no ERR still to send, and an empty outbound queue.
 *
 * <p>Why linger after a stop: closing while the client may still send makes the kernel answer
 * its next bytes with RST and throw away replies it has not transmitted yet. A client that is
 * silent may only be waiting for those replies. So a stopping connection closes at once only if
 * it has been {@linkplain #IDLE_NANOS idle} both ways; otherwise it shuts its output (the client
 * reads every reply, then end of stream), discards input, and closes when the client closes, has
 * sent nothing for {@link #LINGER_NANOS}, or the drain deadline comes.
 *
 * <p>A connection accepted beyond {@code --max-connections} is created <em>refused</em>: it owes
 * only {@link Protocol#ERR_TOO_MANY_CONNECTIONS}, never reads a message, and is counted only in
 * {@code connectionsRefused}, not as accepted, closed or failed.
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
    /**
     * A connection with no bytes read or written for this long is idle: a stop may close it at
     * once, since its client has had ample time to take every reply and is not sending. Written
     * means handed to the kernel, not yet received, so the period is far above any pause of a
     * working client; closing a busy one instead lingers, which costs little.
     */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private enum State { OPEN, FINISHING, LINGERING, CLOSED }

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ServerContext context;
    private final MessageDecoder decoder;
    private final boolean refused;
    private final OutboundQueue outbound = new OutboundQueue();
    private PendingWork pendingWork;
    private SelectionKey key;
    private LoopTimer.Timeout lingerTimeout;
    private LoopTimer.Timeout quietCheck;
    private State state = State.OPEN;
    private int interestOps;
    private int slot = -1;
    private int chatBatchesInFlight;
    private boolean readPaused;
    /** The last thing to send before a lingering close (an ERR line), once nothing else is owed. */
    private byte[] finalReplyOwed;
    private boolean lingerAfterFlush;
    /** The client half-closed: nothing more can arrive, so closing can never reset. */
    private boolean inputEnded;
    private boolean draining;
    private long drainDeadlineNanos;
    private long lingerQuietNanos;
    private long lastInputNanos = System.nanoTime();
    private long lastOutputNanos = lastInputNanos;
    /** The last thing owed is queued (greeting, ERR): chat lines must not follow it. */
    private boolean outputSealed;
    private boolean flushRequested;

    /** @param refused accepted beyond {@code --max-connections}: only told so, then closed */
    Connection(EventLoop loop, SocketChannel channel, ServerContext context, boolean refused) {
        this.loop = loop;
        this.channel = channel;
        this.context = context;
        this.refused = refused;
        this.decoder = refused || context.mode() == Mode.HELLO ? null : context.config().newDecoder();
    }

    /** Called once, right after registration, with the key (interest ops still 0). */
    void start(SelectionKey key) {
        this.key = key;
        try {
            if (refused) {
                state = State.FINISHING;
                outputSealed = true;
                finalReplyOwed = Protocol.ERR_TOO_MANY_CONNECTIONS;
            } else if (context.mode() == Mode.HELLO) {
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
            inputEnded = true;
            state = State.FINISHING; // half-close: answer what was read, then close
            updateInterest();
            finishIfDone();
            return;
        }
        if (n == 0) {
            return;
        }
        lastInputNanos = System.nanoTime();
        MessageBatch batch = loop.intake();
        batch.begin(this);
        DecodeResult result = decoder.decode(in.array(), 0, n, batch);
        context.metrics().messagesIn(batch.messages(), n);
        batch.end();
        if (result == DecodeResult.LINE_TOO_LONG) {
            context.metrics().error();
            finalReplyOwed = Protocol.ERR_LINE_TOO_LONG;
            state = State.FINISHING;
        }
        updateInterest();
        finishIfDone();
    }

    private void discardInput() throws IOException {
        ByteBuffer in = loop.readBuffer();
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            close();
        } else if (n > 0) {
            lastInputNanos = System.nanoTime();
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
            wrote(channel.write(buffer));
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
            wrote(outbound.writeTo(channel, loop.gatherScratch(), MAX_WRITES_PER_WAKEUP));
        }
    }

    private void wrote(long bytes) {
        if (bytes > 0) {
            context.metrics().bytesOut(bytes);
            lastOutputNanos = System.nanoTime();
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

    /**
     * In FINISHING, sends the final ERR once all else is out, then, owing nothing, closes or
     * lingers: after an ERR for up to {@link #LINGER_NANOS}; after a stop unless the connection is
     * idle, until the client closes or stays silent for {@link #LINGER_NANOS}.
     */
    private void finishIfDone() throws IOException {
        if (state != State.FINISHING
                || (pendingWork != null && !pendingWork.isIdle())
                || chatBatchesInFlight > 0) {
            return;
        }
        if (finalReplyOwed != null) {
            byte[] reply = finalReplyOwed;
            finalReplyOwed = null;
            outputSealed = true;
            lingerAfterFlush = true;
            send(ByteBuffer.wrap(reply));
        }
        if (state != State.FINISHING || !outbound.isEmpty()) {
            return;
        }
        if (lingerAfterFlush) {
            startLinger(System.nanoTime() + LINGER_NANOS, LINGER_NANOS);
        } else if (draining && !inputEnded && !isIdle()) {
            startLinger(drainDeadlineNanos, LINGER_NANOS);
            closeIfQuiet();
        } else {
            close();
        }
    }

    /**
     * Closing with unread input would make the kernel send RST, and the client could lose what it
     * has not read yet (the ERR line, the last replies). So: FIN first, then read and discard
     * until the client closes too, has sent nothing for {@code quietNanos}, or {@code deadlineNanos}.
     */
    private void startLinger(long deadlineNanos, long quietNanos) throws IOException {
        state = State.LINGERING;
        lingerQuietNanos = quietNanos;
        lastInputNanos = System.nanoTime(); // silence counts from here: the client just got FIN
        lingerTimeout = loop.timer().schedule(Math.max(0, deadlineNanos - System.nanoTime()), this::close);
        channel.shutdownOutput();
        updateInterest();
    }

    /**
     * True if nothing was read or written for {@link #IDLE_NANOS} and no input is waiting; input
     * that came while reading was off is read (and dropped: it came after the stop) to find out.
     */
    private boolean isIdle() throws IOException {
        long nowNanos = System.nanoTime();
        if (nowNanos - lastInputNanos < IDLE_NANOS || nowNanos - lastOutputNanos < IDLE_NANOS) {
            return false;
        }
        ByteBuffer in = loop.readBuffer();
        in.clear();
        return channel.read(in) == 0;
    }

    /** While LINGERING: closes if the client has been quiet long enough, else checks again then. */
    private void closeIfQuiet() {
        quietCheck = null;
        if (state != State.LINGERING) {
            return;
        }
        long silentNanos = System.nanoTime() - lastInputNanos;
        if (silentNanos >= lingerQuietNanos) {
            close();
        } else {
            quietCheck = loop.timer().schedule(lingerQuietNanos - silentNanos, this::closeIfQuiet);
        }
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

    /**
     * The server is stopping: no more reading; once nothing is owed, close, or linger until the
     * client is quiet, giving up at {@code deadlineNanos} ({@link System#nanoTime} time).
     */
    void beginDrain(long deadlineNanos) {
        if (state == State.LINGERING) {
            close();
            return;
        }
        draining = true;
        drainDeadlineNanos = deadlineNanos;
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
        if (!refused && state != State.LINGERING && state != State.CLOSED) {
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
        if (quietCheck != null) {
            quietCheck.cancel();
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
        if (!refused) {
            context.metrics().connectionClosed();
        }
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
