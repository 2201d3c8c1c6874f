package io.vtnio.loadgen.client;

import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link ClientConnection} that sends a stream of fixed-size messages, in the closed model
 * (a number of them now) or the open model (every message whose scheduled time has come). The
 * send loops live here once; {@link EchoConnection} and {@link ChatConnection} only say how one
 * message is written.
 *
 * <p>Threading: every method runs on the owning loop's thread.
 */
abstract class MessageConnection extends ClientConnection {

    MessageConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress) {
        super(loop, index, target, bindAddress);
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

    /** Closed model: sends {@code count} messages now. */
    final void sendNow(int count, long nowNs) {
        ByteBuffer composed = composeBuffer();
        for (int i = 0; i < count; i++) {
            ensureRoom(composed, messageBytes(), nowNs);
            composeMessage(composed, nowNs, nowNs);
        }
        flush(composed, nowNs);
    }

    /** Open model: sends every message whose time has come, late ones at once, then waits for the next. */
    final void sendDue(OpenModelSchedule schedule, long nowNs) {
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
}
