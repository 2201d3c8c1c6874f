package io.vtnio.loadgen.client;

import io.vtnio.core.DecodeResult;
import io.vtnio.core.LineDecoder;
import io.vtnio.core.MessageSink;
import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link ClientConnection} that sends a stream of fixed-size lines and reads lines back, in the
 * closed model (a number of them now, one more for each answer) or the open model (every message
 * whose scheduled time has come). Sending, decoding and the closed model's refill live here once;
 * {@link EchoConnection} and {@link ChatConnection} only say how one message is written, how a
 * line that came back is checked, and when to start and stop.
 *
 * <p>Threading: every method runs on the owning loop's thread.
 */
abstract class MessageConnection extends ClientConnection implements MessageSink {

    /** How much longer than the expected line a line may be before the decoder gives up. */
    private static final int LINE_SLACK_BYTES = 64;

    private final LineDecoder decoder;
    private final int pipelineDepth;
    private final double totalRatePerSec;
    private OpenModelSchedule schedule;
    private boolean sending;
    private long batchNowNs;
    private int answeredInBatch;

    /**
     * @param expectedLineBytes the longest line the server should send back, newline excluded
     * @param totalRatePerSec   open-model rate over the whole run, or 0 for the closed model
     */
    MessageConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                      int expectedLineBytes, int pipelineDepth, double totalRatePerSec) {
        super(loop, index, target, bindAddress);
        this.decoder = new LineDecoder(expectedLineBytes + LINE_SLACK_BYTES);
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

    /** Names the line that was too long, for the error: which reply, how long it should have been. */
    abstract String tooLongLine();

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
        DecodeResult result = decoder.decode(bytes, 0, length, this);
        if (isClosed()) {
            return;
        }
        if (result == DecodeResult.MALFORMED) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": " + tooLongLine());
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
