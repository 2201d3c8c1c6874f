package io.vtnio.loadgen.client;

import io.vtnio.core.LineDecoder;
import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link ClientConnection} that sends a stream of fixed-size messages and reads replies back, in
 * the closed model (a number of them now, one more for each answer) or the open model (every
 * message whose scheduled time has come). Sending and the closed model's refill live here once;
 * {@link EchoConnection}, {@link HttpConnection} and {@link ChatConnection} only say how one
 * message is written, how the replies are framed and checked, and when to start and stop.
 *
 * <p>Threading: every method runs on the owning loop's thread.
 */
abstract class MessageConnection extends ClientConnection {

    /** How much longer than the expected line a line may be before the decoder gives up. */
    private static final int LINE_SLACK_BYTES = 64;

    private final int pipelineDepth;
    private final double totalRatePerSec;
    private OpenModelSchedule schedule;
    private boolean sending;
    private long batchNowNs;
    private int answeredInBatch;

    /** @param totalRatePerSec open-model rate over the whole run, or 0 for the closed model */
    MessageConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                      int pipelineDepth, double totalRatePerSec) {
        super(loop, index, target, bindAddress);
        this.pipelineDepth = pipelineDepth;
        this.totalRatePerSec = totalRatePerSec;
    }

    /** Bytes one message takes on the wire. */
    abstract int messageBytes();

    /**
     * Appends one message to {@code composed}, which has room for {@link #messageBytes}.
     *
     * @param scheduledNs when the message was due (the send time in the closed model)
     * @param nowNs       when it is actually sent
     */
    abstract void composeMessage(ByteBuffer composed, long scheduledNs, long nowNs);

    /**
     * Splits the replies off {@code bytes[0, length)} and checks each, failing the connection on a
     * wrong one; calls {@link #answered} for each of this connection's own messages answered.
     */
    abstract void decodeReplies(byte[] bytes, int length);

    /** A line decoder for replies of the line protocol up to {@code expectedLineBytes}, newline excluded, with slack. */
    static LineDecoder lineDecoder(int expectedLineBytes) {
        return new LineDecoder(expectedLineBytes + LINE_SLACK_BYTES);
    }

    final boolean openModel() {
        return totalRatePerSec > 0;
    }

    final double totalRatePerSec() {
        return totalRatePerSec;
    }

    final int pipelineDepth() {
        return pipelineDepth;
    }

    /** Outstanding messages a connection of this kind keeps track of at first. */
    final int initialOutstanding() {
        return openModel() ? 16 : pipelineDepth;
    }

    /** True between {@link #beginSending} and {@link #endSending}. */
    final boolean sending() {
        return sending;
    }

    /** The open model's schedule, or null before one is set. */
    final OpenModelSchedule schedule() {
        return schedule;
    }

    final void setSchedule(OpenModelSchedule schedule) {
        this.schedule = schedule;
    }

    /** When the bytes being decoded arrived. */
    final long batchNowNs() {
        return batchNowNs;
    }

    /** One of this connection's own messages was answered in this batch: the closed model sends one more. */
    final void answered() {
        answeredInBatch++;
    }

    /** Starts sending: the open model along {@link #schedule} (set it first), the closed model its pipeline now. */
    final void beginSending(long nowNs) {
        sending = true;
        if (openModel()) {
            scheduleAt(schedule.nextNs());
        } else {
            sendNow(pipelineDepth, nowNs);
        }
    }

    /** Sends nothing new from now on. */
    final void endSending() {
        sending = false;
        unschedule();
    }

    @Override
    protected final void onBytes(byte[] bytes, int length, long nowNs) {
        batchNowNs = nowNs;
        answeredInBatch = 0;
        decodeReplies(bytes, length);
        if (isClosed()) {
            return;
        }
        if (sending && !openModel() && answeredInBatch > 0) {
            sendNow(answeredInBatch, nowNs);
        }
    }

    /** Open model: sends every message whose time has come, late ones at once, then waits for the next. */
    @Override
    protected final void onDue(long nowNs) {
        if (!sending || isClosed()) {
            return;
        }
        ByteBuffer composed = composeBuffer();
        long dueNs;
        while ((dueNs = schedule.nextNs()) <= nowNs) {
            ensureRoom(composed, messageBytes(), nowNs);
            composeMessage(composed, dueNs, nowNs);
            schedule.advance();
        }
        flush(composed, nowNs);
        if (!isClosed()) {
            scheduleAt(schedule.nextNs());
        }
    }

    /** Closed model: sends {@code count} messages now. */
    private void sendNow(int count, long nowNs) {
        ByteBuffer composed = composeBuffer();
        for (int i = 0; i < count; i++) {
            ensureRoom(composed, messageBytes(), nowNs);
            composeMessage(composed, nowNs, nowNs);
        }
        flush(composed, nowNs);
    }
}
