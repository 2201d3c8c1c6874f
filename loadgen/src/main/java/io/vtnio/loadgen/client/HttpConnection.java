package io.vtnio.loadgen.client;

import io.vtnio.core.http.HttpResponseDecoder;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * An HTTP/1.1 client connection of {@code load --mode http}: keep-alive, requests from an
 * {@link HttpRequestTemplate}, pipelined in the closed model as echo's messages are, every
 * response parsed by core's strict {@link HttpResponseDecoder} and checked: its framing, its
 * status, and its body where the route says what it must be. Sending, timing and reconnecting
 * are {@link RequestConnection}'s, as for echo.
 *
 * <p>Failures, each its own {@link ErrorKind}: a response that is no valid HTTP
 * ({@code malformedResponse}), a status other than the expected ({@code wrongStatus}), a wrong
 * body ({@code wrongReply}), a close by the server without {@code Connection: close} while
 * requests are owed ({@code closed}), and {@code Connection: close} itself
 * ({@code connectionClose}: its response counts, then the connection is reopened like any failed
 * one). A first answer that is not HTTP at all stops the run with one line naming the likely
 * cause, a server in another mode.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
public final class HttpConnection extends RequestConnection implements HttpResponseDecoder.Sink {

    private final HttpRequestTemplate template;
    private final byte[] head;
    private final HttpResponseDecoder responses = new HttpResponseDecoder(HttpResponseDecoder.Limits.DEFAULT);
    private final ByteBuffer expectedBody;

    /**
     * @param totalRatePerSec  open-model rate over all connections of the run, or 0 for the closed model
     * @param totalConnections connections of the run over all processes, to share the rate
     */
    public HttpConnection(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                          HttpRequestTemplate template, int pipelineDepth, double totalRatePerSec,
                          int totalConnections) {
        super(loop, index, target, bindAddress, template.head(target).length + template.bodyBytes(), pipelineDepth,
                totalRatePerSec, totalConnections);
        this.template = template;
        this.head = template.head(target);
        this.expectedBody = ByteBuffer.allocate(template.bodyBytes());
    }

    @Override
    RequestConnection newSuccessor() {
        return new HttpConnection(loop(), index(), target(), bindAddress(), template, pipelineDepth(),
                totalRatePerSec(), totalConnections());
    }

    @Override
    void writeRequest(long sequence, ByteBuffer composed) {
        composed.put(head);
        template.writeBody(index(), sequence, composed);
        responses.expectResponse(template.answersHead());
    }

    @Override
    void decodeReplies(byte[] bytes, int length) {
        String error = responses.decode(bytes, 0, length, this);
        if (error != null) {
            failMalformed(error);
        }
    }

    @Override
    public void onResponse(HttpResponseDecoder.Response response) {
        if (isClosed()) {
            return;
        }
        long sequence = oldestSequence();
        if (response.status() != template.expectedStatus()) {
            fail(ErrorKind.WRONG_STATUS, describe() + ": response " + sequence + " has status " + response.status()
                    + ", expected " + template.expectedStatus());
            return;
        }
        String wrong = template.checkBody(response, index(), sequence, expectedBody);
        if (wrong != null) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": response " + sequence + " has " + wrong);
            return;
        }
        answerOldest();
        if (!response.keepAlive()) {
            fail(ErrorKind.CONNECTION_CLOSE, describe() + ": the server ended the connection after response "
                    + sequence + " (Connection: close)");
        }
    }

    @Override
    protected void onEndOfStream(long nowNs) {
        String error = responses.endOfInput(this); // a body delimited by the close ends here
        if (isClosed()) {
            return;
        }
        if (error != null) {
            failMalformed(error);
            return;
        }
        super.onEndOfStream(nowNs);
    }

    private void failMalformed(String error) {
        if (isClosed()) {
            return;
        }
        if (!verifiedAny() && (error.startsWith("malformed status line") || error.startsWith("an empty line"))) {
            failMismatch(ErrorKind.MALFORMED_RESPONSE, "the server does not answer in HTTP (" + error
                    + "); is it running another mode? start it with --mode http, or try load --mode echo");
            return;
        }
        fail(ErrorKind.MALFORMED_RESPONSE, describe() + ": malformed response " + oldestSequence() + ": " + error);
    }
}
