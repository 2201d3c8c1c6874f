package io.vtnio.nio;

import io.vtnio.core.ConnectionEnd;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ConnectionPolicy.Finish;
import io.vtnio.core.ConnectionState;
import io.vtnio.core.DecodeResult;
import io.vtnio.core.MessageDecoder;
import io.vtnio.core.Mode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One admitted client on its loop: the channel, where it is in its {@link ConnectionState life}
 * and the interest ops that follow from that. It reads and hands each read's messages to the
 * loop's batch ({@link Echo}, {@link ChatPublisher} or {@link WorkIntake}) and, owing nothing
 * more, closes or lingers ({@link LingeringClose}) as its {@link Finishing} and the policy say; what it owes is its {@link OutboundQueue}'s,
 * its {@link PendingWork}'s and its {@link ChatMember}'s, and {@link BackPressure} says when
 * owing pauses reading.
 *
 * <p>Interest ops follow from the state ({@link Interest}).
 *
 * <p>Threading: confined to its loop's thread. Worker threads reach it only through
 * {@link EventLoop#execute}; other loops only compare {@link #loop()}.
 */
final class Connection implements ReadinessHandler {

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ServerContext context;
    private final MessageDecoder decoder;
    private final OutboundQueue outbound;
    private final ChatMember chat;
    private PendingWork pendingWork;
    private LingeringClose linger;
    private SelectionKey key;
    private ConnectionState state = ConnectionState.OPEN;
    /** Why and how it finishes; null while OPEN. */
    private Finishing finishing;
    private final Interest interest = new Interest();
    private int slot = -1;
    private long lastReadNanos = System.nanoTime();
    /** The timer that cuts off a client stalled partway through a request; null while none is set. */
    private LoopTimer.Timeout stallCheck;

    Connection(EventLoop loop, SocketChannel channel, ServerContext context) {
        this.loop = loop;
        this.channel = channel;
        this.context = context;
        this.outbound = new OutboundQueue(channel, context.metrics());
        this.decoder = context.mode() == Mode.HELLO ? null : context.config().newDecoder();
        this.chat = context.mode() == Mode.CHAT ? new ChatMember(this) : null;
    }

    /** Called once, right after registration, with the key (interest ops still 0). */
    void start(SelectionKey key) {
        this.key = key;
        try {
            if (context.mode() == Mode.HELLO) {
                Hello.greet(this, context);
            }
            updateInterestAndFinish();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onReady(SelectionKey key) {
        try {
            if (key.isWritable()) {
                outbound.flush(loop.gatherScratch());
            }
            if (key.isReadable() && state == ConnectionState.LINGERING) {
                linger.discardInput();
            } else if (key.isReadable() && state == ConnectionState.OPEN && !interest.readPaused()) {
                read();
            }
            updateInterestAndFinish();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void read() throws IOException {
        ByteBuffer in = loop.readBuffer();
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            finishFor(Finish.END_OF_STREAM); // half-close: answer what was read, then close
        } else if (n > 0) {
            lastReadNanos = System.nanoTime();
            MessageBatch batch = loop.intake();
            batch.begin(this);
            DecodeResult result = decoder.decode(in.array(), 0, n, batch);
            context.metrics().messagesIn(batch.messages(), n);
            batch.end();
            if (result == DecodeResult.MALFORMED) {
                context.metrics().error();
                state = ConnectionState.FINISHING;
                finishing = Finishing.becauseMalformed(finishing, decoder.refusal());
            } else if (result == DecodeResult.CLOSE) {
                finishFor(Finish.CLOSE_REQUESTED);
            } else {
                watchForStall(lastReadNanos);
            }
        }
    }

    /**
     * Enforces {@link ConnectionPolicy#isStalled} with a loop timer, one at a time, set when a read
     * leaves part of a message its protocol does not let wait; a later read only moves the
     * deadline, which the timer finds when it fires.
     */
    private void watchForStall(long nowNanos) {
        long limitNanos = context.policy().stallLimitNanos(decoder);
        if (stallCheck == null && limitNanos > 0) {
            stallCheck = loop.timer().schedule(Math.max(0, limitNanos - (nowNanos - lastReadNanos)),
                    this::cutOffIfStalled);
        }
    }

    private void cutOffIfStalled() {
        stallCheck = null;
        if (state != ConnectionState.OPEN) {
            return;
        }
        long nowNanos = System.nanoTime();
        if (context.policy().isStalled(decoder, nowNanos, lastReadNanos)) {
            context.metrics().error();
            state = ConnectionState.FINISHING;
            finishing = Finishing.becauseMalformed(finishing, decoder.stallRefusal());
            settle();
        } else {
            watchForStall(nowNanos);
        }
    }

    /** After an event from outside a readiness callback (work done, chat, a flush, a stop): catch up. */
    void settle() {
        if (state != ConnectionState.CLOSED) {
            try {
                updateInterestAndFinish();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    /**
     * Sends {@code buffer}, in which {@code messages} messages end, through the {@link OutboundQueue}:
     * a copy of what the socket refuses if {@code reusable}. The interest ops follow when the caller
     * is done: at the end of the readiness callback, or in {@link #settle}.
     */
    void send(ByteBuffer buffer, int messages, boolean reusable) throws IOException {
        if (state != ConnectionState.CLOSED && state != ConnectionState.LINGERING) {
            outbound.send(buffer, messages, reusable, waitsForWritable(), loop.gatherScratch());
        }
    }

    /** Queues {@code buffer} without I/O, a copy if {@code reusable}; a send or OP_WRITE follows. */
    void queue(ByteBuffer buffer, int messages, boolean reusable) {
        outbound.queue(buffer, messages, reusable);
    }

    /** Its outbound queue; the chat member queues lines straight into it. */
    OutboundQueue outbound() {
        return outbound;
    }

    /** True while {@code OP_WRITE} is on: the socket is full and will say when it has room. */
    boolean waitsForWritable() {
        return interest.waitsForWritable();
    }

    private void updateInterestAndFinish() throws IOException {
        updateInterest();
        finishIfDone();
    }

    private void updateInterest() {
        if (state != ConnectionState.CLOSED) {
            long waitingBytes = pendingWork == null ? 0 : pendingWork.waitingBytes();
            int waitingMessages = pendingWork == null ? 0 : pendingWork.waitingCount();
            interest.update(key, state, context.backPressure(), outbound.pendingBytes() + waitingBytes,
                    waitingMessages, outbound.isEmpty());
        }
    }

    /** Sends {@code lastLine} as the one reply of this connection, then closes (hello). */
    void finishWith(byte[] lastLine) throws IOException {
        finishFor(Finish.GREETING);
        send(ByteBuffer.wrap(lastLine), 1, false);
    }

    private void finishFor(Finish why) {
        state = ConnectionState.FINISHING;
        finishing = Finishing.because(finishing, why);
    }

    /**
     * FINISHING and owing nothing but the ERR line: sends it; owing nothing at all: closes or
     * lingers as {@link ConnectionPolicy#afterFinishing} decides.
     */
    private void finishIfDone() throws IOException {
        if (state != ConnectionState.FINISHING || (pendingWork != null && !pendingWork.isIdle())
                || (chat != null && chat.awaitsOwnLines())) {
            return;
        }
        byte[] errorLine = finishing.takeErrorLine();
        if (errorLine != null) {
            send(ByteBuffer.wrap(errorLine), 0, false); // no reply: counted as the error it is
        }
        if (state != ConnectionState.FINISHING || !outbound.isEmpty()) {
            return;
        }
        long nowNanos = System.nanoTime();
        ConnectionPolicy.Exit exit = finishing.exit(context.policy(), finishing.asksIdle() && isIdle(nowNanos),
                nowNanos);
        if (exit.lingers()) {
            state = ConnectionState.LINGERING;
            linger = new LingeringClose(channel, loop, this::close, exit.deadlineNanos(), exit.quietNanos());
            updateInterest();
        } else {
            close();
        }
    }

    /** {@linkplain ConnectionPolicy#isIdle Idle} and no input waiting (read and dropped: it came after the stop). */
    private boolean isIdle(long nowNanos) throws IOException {
        if (!context.policy().isIdle(nowNanos, lastReadNanos, outbound.lastWriteNanos())) {
            return false;
        }
        ByteBuffer in = loop.readBuffer();
        in.clear();
        return channel.read(in) == 0;
    }

    /** A graceful stop: no more reading; close once nothing is owed, or linger, until {@code deadlineNanos}. */
    void beginDrain(long deadlineNanos) {
        stopReading(deadlineNanos);
        settle();
    }

    /** The first half of {@link #beginDrain}: no more reading (a lingering connection closes); the caller settles later. */
    void stopReading(long deadlineNanos) {
        if (state == ConnectionState.LINGERING) {
            close();
            return;
        }
        if (state == ConnectionState.OPEN) {
            finishFor(Finish.STOP);
        }
        if (finishing != null) {
            finishing.stopDeadline(deadlineNanos);
        }
        updateInterest();
    }

    /** A slow chat consumer: counted as such, not as a failure, and closed. */
    void dropSlowConsumer() {
        if (state != ConnectionState.CLOSED) {
            context.metrics().slowConsumerDropped();
            close();
        }
    }

    /**
     * A failure on this connection only: count it as {@link ConnectionEnd} says (a client's reset
     * when nothing was owed is only a close; nothing is counted once it is on the way out) and close.
     */
    void fail(Exception e) {
        if (state != ConnectionState.LINGERING && state != ConnectionState.CLOSED
                && ConnectionEnd.afterFailure(e, owed()).countsAsError()) {
            context.metrics().error();
        }
        if (!(e instanceof IOException)) {
            System.getLogger(Connection.class.getName())
                    .log(System.Logger.Level.WARNING, "closing a connection after an unexpected failure", e);
        }
        close();
    }

    /**
     * What it owes now: a partial line, replies or chat lines the socket has not taken, the ERR
     * line still to send, a message whose work is running or waiting, its own chat lines not yet
     * back in its queue (they are on another loop's way).
     */
    private ConnectionEnd.Owed owed() {
        long partial = decoder == null ? 0 : decoder.pendingBytes();
        long unsent = outbound.pendingBytes() + (finishing == null ? 0 : finishing.unqueuedBytes());
        boolean inProgress = (pendingWork != null && !pendingWork.isIdle()) || (chat != null && chat.awaitsOwnLines());
        return new ConnectionEnd.Owed(partial, unsent, inProgress);
    }

    @Override
    public void closeNow() {
        close();
    }

    private void close() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.CLOSED;
        if (linger != null) {
            linger.cancel();
        }
        if (stallCheck != null) {
            stallCheck.cancel();
        }
        ReadinessHandler.release(key, channel);
        outbound.clear();
        pendingWork = null;
        loop.closed(this);
        context.metrics().connectionClosed();
        context.connectionLimit().release();
    }

    /** True while replies and chat lines are still wanted: open or finishing, nothing final (greeting, ERR) queued. */
    boolean acceptsOutput() {
        return state == ConnectionState.OPEN || (state == ConnectionState.FINISHING && !finishing.sealed());
    }

    boolean isClosed() {
        return state == ConnectionState.CLOSED;
    }

    /** Chat mode's part of this connection; null in other modes. */
    ChatMember chat() {
        return chat;
    }

    /** This connection's messages on their way through the worker pool, created on first use. */
    PendingWork pendingWork() {
        if (pendingWork == null) {
            pendingWork = new PendingWork(this, context);
        }
        return pendingWork;
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
