package io.vtnio.loadgen.client;

import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link MessageConnection} whose every message is a request answered by exactly one reply, in
 * order: what echo ({@link EchoConnection}) and HTTP ({@link HttpConnection}) share. It keeps the
 * outstanding requests with their scheduled and actual send times ({@link OutstandingRing}),
 * records latency and service time when the oldest is answered, times the oldest out, treats a
 * close by the server while requests are owed as an error, and makes the successor of a failed
 * connection. A subclass says how a request is written and how a reply is framed and checked.
 *
 * <p>Closed model: {@code pipelineDepth} requests outstanding, the next sent when a reply
 * arrives (replies of one read are answered with one write); latency = service time. Open
 * model: sends follow an {@link OpenModelSchedule} whatever the server does; latency counts from
 * the scheduled time, service time from when the request's last byte left the socket.
 *
 * <p>A connection that fails while sending is replaced by a {@link #successor}: same index,
 * sequence numbers from 0 again, and in the open model the same schedule, whose sends that fell
 * due while no connection was up are counted as {@link ErrorKind#UNSENT} errors, not sent late.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
abstract class RequestConnection extends MessageConnection {

    private final OutstandingRing outstanding;
    private final int messageBytes;
    private final int totalConnections;
    private long messagesWritten;
    private boolean verifiedAny;

    /**
     * @param messageBytes     bytes every request takes on the wire
     * @param totalRatePerSec  open-model rate over all connections of the run, or 0 for the closed model
     * @param totalConnections connections of the run over all processes, to share the rate
     */
    RequestConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                      int messageBytes, int pipelineDepth, double totalRatePerSec, int totalConnections) {
        super(loop, index, target, bindAddress, pipelineDepth, totalRatePerSec);
        this.messageBytes = messageBytes;
        this.totalConnections = totalConnections;
        this.outstanding = new OutstandingRing(initialOutstanding());
    }

    /** Appends request {@code sequence} to {@code composed}, which has room for {@link #messageBytes}. */
    abstract void writeRequest(long sequence, ByteBuffer composed);

    /** A fresh, unconnected connection of the same kind, index and settings. */
    abstract RequestConnection newSuccessor();

    @Override
    public final void startTraffic(long nowNs) {
        if (isClosed() || !isConnected()) {
            return;
        }
        if (openModel()) {
            if (schedule() == null) {
                setSchedule(OpenModelSchedule.staggered(trafficStartNs(), totalRatePerSec(), totalConnections, index(),
                        rateChanges()));
            } else {
                countUnsent(nowNs);
            }
        }
        beginSending(nowNs);
    }

    @Override
    public final void stopSending(long nowNs) {
        if (!sending() && schedule() != null) {
            countUnsent(nowNs);
        }
        endSending();
    }

    /** A successor's inherited schedule: what fell due before {@code nowNs} while no connection was up. */
    private void countUnsent(long nowNs) {
        long unsent = schedule().skipBefore(nowNs);
        if (unsent > 0) {
            countErrors(ErrorKind.UNSENT, unsent, describe() + ": " + unsent
                    + " messages fell due while it was reconnecting and were not sent");
        }
    }

    @Override
    public final ClientConnection successor() {
        RequestConnection next = newSuccessor();
        next.setSchedule(schedule());
        return next;
    }

    final int totalConnections() {
        return totalConnections;
    }

    @Override
    public final boolean hasVerifiedReply() {
        return verifiedAny;
    }

    @Override
    final int messageBytes() {
        return messageBytes;
    }

    @Override
    final void composeMessage(ByteBuffer composed, long scheduledNs, long nowNs) {
        writeRequest(outstanding.add(scheduledNs), composed);
    }

    @Override
    protected final void onWritten(long totalBytes, long nowNs) {
        long queued = outstanding.nextSequence();
        while (messagesWritten < queued && (messagesWritten + 1) * messageBytes <= totalBytes) {
            outstanding.markSent(messagesWritten++, nowNs);
        }
    }

    /** True when no request waits for its reply. */
    final boolean nothingOutstanding() {
        return outstanding.isEmpty();
    }

    /** Sequence number of the oldest outstanding request: the one the next reply must answer. */
    final long oldestSequence() {
        return outstanding.oldestSequence();
    }

    /** Whether a reply was verified on this connection before. */
    final boolean verifiedAny() {
        return verifiedAny;
    }

    /** The oldest request's reply arrived and was right: records its latency and service time. */
    final void answerOldest() {
        long sentNs = outstanding.oldestSentNs();
        long scheduledNs = openModel() ? outstanding.oldestScheduledNs() : sentNs;
        record(batchNowNs() - scheduledNs, batchNowNs() - sentNs);
        outstanding.removeOldest();
        answered();
        verifiedAny = true;
    }

    @Override
    protected void onEndOfStream(long nowNs) {
        if (!sending() && outstanding.isEmpty()) {
            close();
            return;
        }
        fail(ErrorKind.CLOSED, describe() + ": closed by the server"
                + (outstanding.isEmpty() ? "" : " with " + outstanding.size() + " replies outstanding"));
    }

    @Override
    public final boolean isDrained() {
        return outstanding.isEmpty() && !hasBacklog();
    }

    @Override
    protected final long waitingSinceNs() {
        if (!isConnected()) {
            return connectStartNs();
        }
        if (outstanding.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long sentNs = outstanding.oldestSentNs();
        return sentNs != 0 ? sentNs : outstanding.oldestScheduledNs();
    }

    @Override
    public final void finish(long nowNs) {
        if (!outstanding.isEmpty()) {
            fail(ErrorKind.TIMEOUT, describe() + ": " + outstanding.size()
                    + " replies still outstanding when the run ended (--timeout)");
        }
    }
}
