package io.vtnio.loadgen.client;

import io.vtnio.loadgen.wire.EchoPayload;
import io.vtnio.loadgen.wire.Printable;
import io.vtnio.core.DecodeResult;
import io.vtnio.core.LineDecoder;
import io.vtnio.core.MessageSink;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * An echo client connection. Every message carries the connection's letters and its sequence
 * number ({@link EchoPayload}); every reply is split off by core's {@link LineDecoder} and must be
 * exactly the oldest outstanding message plus the suffix, else the connection fails with a
 * counted error. Sending, timing and reconnecting are {@link RequestConnection}'s.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
public final class EchoConnection extends RequestConnection implements MessageSink {

    private final EchoPayload payload;
    private final LineDecoder lines;

    /**
     * @param totalRatePerSec  open-model rate over all connections of the run, or 0 for the closed model
     * @param totalConnections connections of the run over all processes, to share the rate
     */
    public EchoConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                   EchoPayload payload, int pipelineDepth, double totalRatePerSec, int totalConnections) {
        super(loop, index, target, bindAddress, payload.messageBytes(), pipelineDepth, totalRatePerSec,
                totalConnections);
        this.payload = payload;
        this.lines = lineDecoder(payload.replyBytes());
    }

    @Override
    RequestConnection newSuccessor() {
        return new EchoConnection(loop(), index(), target(), bindAddress(), payload, pipelineDepth(),
                totalRatePerSec(), totalConnections());
    }

    @Override
    void writeRequest(long sequence, ByteBuffer composed) {
        payload.write(index(), sequence, composed);
    }

    @Override
    void decodeReplies(byte[] bytes, int length) {
        if (lines.decode(bytes, 0, length, this) == DecodeResult.MALFORMED && !isClosed()) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": reply " + oldestSequence() + " is longer than the expected "
                    + payload.replyBytes() + " bytes");
        }
    }

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        if (isClosed()) {
            return;
        }
        if (!verifiedAny() && failedAsAnotherMode(bytes, offset, length)) {
            return;
        }
        if (nothingOutstanding()) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": unexpected reply " + Printable.quote(bytes, offset, length)
                    + " with no request outstanding");
            return;
        }
        long sequence = oldestSequence();
        if (!payload.matches(index(), sequence, bytes, offset, length)) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": reply " + sequence + " was "
                    + Printable.quote(bytes, offset, length) + ", expected " + payload.expected(index(), sequence));
            return;
        }
        answerOldest();
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
        if (nothingOutstanding() || !payload.looksLikeAMessage(bytes, offset, length)) {
            failMismatch(ErrorKind.WRONG_REPLY, "the server greets: it sent " + Printable.quote(bytes, offset, length)
                    + " before any reply; is it running --mode hello? then try load --mode hello,"
                    + " or start it with --mode echo");
            return true;
        }
        return false;
    }
}
