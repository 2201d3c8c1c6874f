package io.vtnio.loadgen.client;

import io.vtnio.loadgen.wire.ChatLine;
import io.vtnio.loadgen.wire.HexField;
import io.vtnio.loadgen.wire.Printable;
import io.vtnio.core.DecodeResult;
import io.vtnio.core.LineDecoder;
import io.vtnio.core.MessageSink;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A chat client connection: always a receiver, and a publisher too when it has a publisher id.
 * The server delivers every line to every connection, so each receiver expects every
 * publisher's every line, in order and without gaps ({@link ChatLine} carries sender and
 * sequence number), and records delivery latency for lines published in this process: from the
 * scheduled send (latency) and from the actual send (service time).
 *
 * <p>Before traffic starts the connection must join: receive a join probe that some connection
 * of the run sent ({@link PersistentConnections}), which proves the server now delivers to it.
 *
 * <p>A publisher in the closed model keeps {@code pipelineDepth} of its own lines in flight and
 * sends the next when one of its own comes back; in the open model it sends on an
 * {@link OpenModelSchedule}, its share of {@code --rate}.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
public final class ChatConnection extends MessageConnection implements MessageSink {

    private static final byte[] JOIN_PREFIX = "join ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int JOIN_LINE_BYTES = JOIN_PREFIX.length + 8;

    private final LineDecoder lines;
    private final ChatBoard board;
    private final ChatLine line;
    private final long[] nextSequence;
    /** Global publisher id, or -1 for a receiver only. */
    private final int publisherId;
    private final OutstandingRing ownLines;
    private boolean joined;
    private long probeBytes;

    /**
     * @param publisherId     global publisher id, or -1 for a receiver only
     * @param totalRatePerSec open-model line rate over all publishers, or 0 for the closed model
     */
    public ChatConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress, ChatBoard board,
                   int publisherId, int pipelineDepth, double totalRatePerSec) {
        super(loop, index, target, bindAddress, pipelineDepth, totalRatePerSec);
        this.lines = lineDecoder(board.line().lineBytes());
        this.board = board;
        this.line = board.line();
        this.publisherId = publisherId;
        this.ownLines = publisherId >= 0 ? new OutstandingRing(initialOutstanding()) : null;
        this.nextSequence = new long[board.totalPublishers()];
        Arrays.fill(nextSequence, -1);
        for (int p = board.firstOwn(); p < board.firstOwn() + board.ownCount(); p++) {
            nextSequence[p] = 0;
        }
    }

    @Override
    public boolean isReady() {
        return joined;
    }

    /** Sends a join probe line, {@code join} and 8 hex digits naming the sending loop. */
    void sendJoinProbe(int loopIndex, long nowNs) {
        ByteBuffer composed = composeBuffer();
        composed.put(JOIN_PREFIX);
        HexField.put(composed, loopIndex, 8);
        composed.put((byte) '\n');
        probeBytes += JOIN_LINE_BYTES + 1;
        flush(composed, nowNs);
    }

    private static boolean isJoinProbe(byte[] bytes, int offset, int length) {
        return length == JOIN_LINE_BYTES
                && Arrays.equals(bytes, offset, offset + JOIN_PREFIX.length, JOIN_PREFIX, 0, JOIN_PREFIX.length)
                && HexField.isHex(bytes, offset + JOIN_PREFIX.length, 8);
    }

    private boolean publisher() {
        return publisherId >= 0;
    }

    @Override
    public void startTraffic(long nowNs) {
        if (isClosed() || !isConnected() || !publisher()) {
            return;
        }
        if (openModel()) {
            setSchedule(OpenModelSchedule.staggered(trafficStartNs(), totalRatePerSec(), board.totalPublishers(),
                    publisherId, rateChanges()));
        }
        beginSending(nowNs);
    }

    @Override
    public void stopSending(long nowNs) {
        if (publisher() && sending()) {
            endSending();
            board.publishFinalCount(publisherId, ownLines.nextSequence());
        }
    }

    @Override
    protected void onClosing() {
        if (publisher()) {
            // Lines still in the backlog never left; receivers cannot expect them.
            board.publishFinalCount(publisherId, (bytesWritten() - probeBytes) / line.wireBytes());
        }
    }

    @Override
    int messageBytes() {
        return line.wireBytes();
    }

    @Override
    void composeMessage(ByteBuffer composed, long scheduledNs, long nowNs) {
        long sequence = ownLines.add(scheduledNs);
        ownLines.markSent(sequence, nowNs);
        line.write(composed, publisherId, sequence, scheduledNs, nowNs);
    }

    @Override
    void decodeReplies(byte[] bytes, int length) {
        if (lines.decode(bytes, 0, length, this) == DecodeResult.MALFORMED && !isClosed()) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": a line longer than the expected " + line.lineBytes() + " bytes");
        }
    }

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        if (isClosed()) {
            return;
        }
        if (isJoinProbe(bytes, offset, length)) {
            if (!joined) {
                joined = true;
                markReady(batchNowNs());
            }
            return;
        }
        if (!joined && length > JOIN_LINE_BYTES && isJoinProbe(bytes, offset, JOIN_LINE_BYTES)) {
            failMismatch(ErrorKind.WRONG_REPLY, "the server echoes: it answered the line "
                    + Printable.quote(bytes, offset, JOIN_LINE_BYTES) + " with " + Printable.quote(bytes, offset, length)
                    + "; is it running --mode chat? then start it with --mode chat, or try load --mode echo");
            return;
        }
        if (!joined && !line.isWellFormed(bytes, offset, length)) {
            failMismatch(ErrorKind.WRONG_REPLY, "the server greets: it sent " + Printable.quote(bytes, offset, length)
                    + " before any line was published; is it running --mode hello? then try load --mode hello,"
                    + " or start it with --mode chat");
            return;
        }
        if (!line.isWellFormed(bytes, offset, length)) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": not a chat line of this run: " + Printable.quote(bytes, offset, length));
            return;
        }
        int publisher = ChatLine.publisher(bytes, offset);
        if (publisher < 0 || publisher >= nextSequence.length) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": line from unknown publisher " + publisher
                    + " (the run has " + nextSequence.length + ")");
            return;
        }
        long sequence = ChatLine.sequence(bytes, offset);
        long expected = nextSequence[publisher];
        if (expected >= 0 && sequence != expected) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": from publisher " + publisher + " expected line " + expected
                    + ", got " + sequence + (sequence > expected ? " (a gap)" : " (out of order)"));
            return;
        }
        nextSequence[publisher] = sequence + 1;
        if (!board.isOwn(publisher)) {
            return;
        }
        record(batchNowNs() - ChatLine.scheduledNs(bytes, offset), batchNowNs() - ChatLine.sentNs(bytes, offset));
        if (publisher == publisherId && !ownLines.isEmpty()) {
            ownLines.removeOldest();
            answered();
        }
    }

    @Override
    protected void onEndOfStream(long nowNs) {
        if (!sending() && isDrained()) {
            close();
            return;
        }
        fail(ErrorKind.CLOSED, describe() + ": closed by the server");
    }

    @Override
    public boolean isDrained() {
        if (publisher() && (!ownLines.isEmpty() || hasBacklog())) {
            return false;
        }
        for (int p = board.firstOwn(); p < board.firstOwn() + board.ownCount(); p++) {
            long finalCount = board.finalCount(p);
            if (finalCount < 0 || nextSequence[p] < finalCount) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void onTimeout(long timeoutMs) {
        if (isConnected() && !joined) {
            fail(ErrorKind.TIMEOUT, describe() + ": connected, but the server broadcast nothing to it within "
                    + timeoutMs + " ms (--timeout); is it a chat server?");
        } else {
            super.onTimeout(timeoutMs);
        }
    }

    @Override
    protected long waitingSinceNs() {
        if (!isConnected() || !joined) {
            return connectStartNs();
        }
        return publisher() && !ownLines.isEmpty() ? ownLines.oldestSentNs() : Long.MAX_VALUE;
    }

    @Override
    public void finish(long nowNs) {
        long missing = 0;
        for (int p = board.firstOwn(); p < board.firstOwn() + board.ownCount(); p++) {
            long finalCount = board.finalCount(p);
            if (finalCount > nextSequence[p]) {
                missing += finalCount - nextSequence[p];
            }
        }
        if (missing > 0) {
            fail(ErrorKind.MISSING, describe() + ": " + missing + " chat lines never arrived by the end of the run");
        } else if (publisher() && !ownLines.isEmpty()) {
            fail(ErrorKind.TIMEOUT, describe() + ": " + ownLines.size()
                    + " of its own lines still undelivered when the run ended (--timeout)");
        }
    }
}
