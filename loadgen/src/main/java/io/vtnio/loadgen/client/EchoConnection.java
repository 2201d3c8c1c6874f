package io.vtnio.loadgen.client;

import io.vtnio.core.LineDecoder;
import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * An echo client connection. Every message carries the connection's letters and its sequence
 * number ({@link EchoPayload}); every reply is split off by core's {@link LineDecoder} and must be
 * exactly the oldest outstanding message plus the suffix, else the connection fails with a
 * counted error.
 *
 * <p>Closed model: {@code pipelineDepth} requests outstanding, the next sent when a reply
 * arrives (replies of one read are answered with one write); latency = service time. Open
 * model: sends follow an {@link OpenModelSchedule} whatever the server does; latency counts from
 * the scheduled time, service time from when the message's last byte left the socket.
 *
 * <p>A connection that fails while sending is replaced by a {@link #successor}: same index,
 * sequence numbers from 0 again, and in the open model the same schedule, whose sends that fell
 * due while no connection was up are counted as {@link ErrorKind#UNSENT} errors, not sent late.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
public final class EchoConnection extends MessageConnection {

    private final EchoPayload payload;
    private final OutstandingRing outstanding;
    private final int messageBytes;
    private final int totalConnections;
    private long messagesWritten;
    private boolean verifiedAny;

    /**
     * @param totalRatePerSec  open-model rate over all connections of the run, or 0 for the closed model
     * @param totalConnections connections of the run over all processes, to share the rate
     */
    public EchoConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                   EchoPayload payload, int pipelineDepth, double totalRatePerSec, int totalConnections) {
        super(loop, index, target, bindAddress, payload.replyBytes(), pipelineDepth, totalRatePerSec);
        this.payload = payload;
        this.messageBytes = payload.messageBytes();
        this.totalConnections = totalConnections;
        this.outstanding = new OutstandingRing(initialOutstanding());
    }

    @Override
    public void startTraffic(long nowNs) {
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
    public void stopSending(long nowNs) {
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
    public ClientConnection successor() {
        EchoConnection next = new EchoConnection(loop(), index(), target(), bindAddress(), payload, pipelineDepth(),
                totalRatePerSec(), totalConnections);
        next.setSchedule(schedule());
        return next;
    }

    @Override
    public boolean hasVerifiedReply() {
        return verifiedAny;
    }

    @Override
    int messageBytes() {
        return messageBytes;
    }

    @Override
    void composeMessage(ByteBuffer composed, long scheduledNs, long nowNs) {
        payload.write(index(), outstanding.add(scheduledNs), composed);
    }

    @Override
    protected void onWritten(long totalBytes, long nowNs) {
        long queued = outstanding.nextSequence();
        while (messagesWritten < queued && (messagesWritten + 1) * messageBytes <= totalBytes) {
            outstanding.markSent(messagesWritten++, nowNs);
        }
    }

    @Override
    String tooLongLine() {
        return "reply " + outstanding.oldestSequence() + " is longer than the expected " + payload.replyBytes()
                + " bytes";
    }

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        if (isClosed()) {
            return;
        }
        if (!verifiedAny && failedAsAnotherMode(bytes, offset, length)) {
            return;
        }
        if (outstanding.isEmpty()) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": unexpected reply " + Printable.quote(bytes, offset, length)
                    + " with no request outstanding");
            return;
        }
        long sequence = outstanding.oldestSequence();
        if (!payload.matches(index(), sequence, bytes, offset, length)) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": reply " + sequence + " was "
                    + Printable.quote(bytes, offset, length) + ", expected " + payload.expected(index(), sequence));
            return;
        }
        long sentNs = outstanding.oldestSentNs();
        long scheduledNs = openModel() ? outstanding.oldestScheduledNs() : sentNs;
        record(batchNowNs() - scheduledNs, batchNowNs() - sentNs);
        outstanding.removeOldest();
        answered();
        verifiedAny = true;
    }

    /**
     * Before the first verified reply: fails the run with the one line that names the server's
     * mode when what came shows it runs another, and says whether it did. A chat server sends
     * messages back without the suffix, and may broadcast another connection's message before
     * this one sent anything (so this is checked first); a hello server greets, often after this
     * connection sent its first request, with something that is no echo of any message.
     */
    private boolean failedAsAnotherMode(byte[] bytes, int offset, int length) {
        if (payload.isMessageWithoutSuffix(bytes, offset, length)) {
            failMismatch(ErrorKind.WRONG_REPLY, "the server sends lines back without the suffix "
                    + payload.suffixText() + ": is it running --mode chat? then try load --mode chat,"
                    + " or start it with --mode echo (or give load the server's --suffix)");
            return true;
        }
        if (outstanding.isEmpty() || !payload.looksLikeAMessage(bytes, offset, length)) {
            failMismatch(ErrorKind.WRONG_REPLY, "the server greets: it sent " + Printable.quote(bytes, offset, length)
                    + " before any reply; is it running --mode hello? then try load --mode hello,"
                    + " or start it with --mode echo");
            return true;
        }
        return false;
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
    public boolean isDrained() {
        return outstanding.isEmpty() && !hasBacklog();
    }

    @Override
    protected long waitingSinceNs() {
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
    public void finish(long nowNs) {
        if (!outstanding.isEmpty()) {
            fail(ErrorKind.TIMEOUT, describe() + ": " + outstanding.size()
                    + " replies still outstanding when the run ended (--timeout)");
        }
    }
}
