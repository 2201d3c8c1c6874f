package io.vtnio.core.http;

import io.vtnio.core.DecodeResult;
import io.vtnio.core.MessageDecoder;
import io.vtnio.core.MessageSink;
import java.nio.charset.StandardCharsets;

/**
 * {@code --mode http} behind the {@link MessageDecoder} interface both servers already drive: it
 * reads requests with {@link HttpRequestDecoder}, answers each one here, and hands the servers the
 * whole encoded response as the "message" to write verbatim. So the routes, the statuses and the
 * connection's end are decided once, and each server keeps only how it reads and writes, exactly
 * as in echo mode (its batching, back-pressure, work hand-off, idle and stop rules).
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>request</th><th>response</th></tr>
 *   <tr><td>{@code GET} or {@code HEAD /plaintext}</td><td>200, {@code text/plain},
 *       {@code Hello, World!} (TechEmpower's plaintext test)</td></tr>
 *   <tr><td>{@code POST /echo}</td><td>200 with the request's body and {@code Content-Type}
 *       ({@code application/octet-stream} when it named none)</td></tr>
 *   <tr><td>another method on those paths</td><td>405 with {@code Allow}</td></tr>
 *   <tr><td>any other path</td><td>404</td></tr>
 *   <tr><td>a request that cannot be read</td><td>its {@link HttpError}'s status, then a close
 *       ({@link DecodeResult#MALFORMED}, {@link #refusal()})</td></tr>
 * </table>
 *
 * <p>A request that ends the connection ({@code Connection: close}, HTTP/1.0 without keep-alive)
 * is answered with {@code Connection: close}, and the decode returns {@link DecodeResult#CLOSE}:
 * requests pipelined after it are not answered, as RFC 9112 (9.6) says.
 *
 * <p>Threading: not thread-safe; one per connection, like any {@link MessageDecoder}.
 */
public final class HttpExchange implements MessageDecoder {

    /** TechEmpower's plaintext body. */
    public static final byte[] PLAINTEXT_BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final HttpRequestDecoder requests;
    private final HttpResponses responses;
    private byte[] refusal;
    private boolean closeRequested;

    /**
     * @param limits    the request parser's limits
     * @param responses the server's shared response encoder
     */
    public HttpExchange(HttpRequestDecoder.Limits limits, HttpResponses responses) {
        this.requests = new HttpRequestDecoder(limits);
        this.responses = responses;
    }

    @Override
    public DecodeResult decode(byte[] bytes, int offset, int length, MessageSink sink) {
        if (closeRequested) {
            return DecodeResult.CLOSE;
        }
        HttpError error = requests.decode(bytes, offset, length, request -> {
            if (closeRequested) {
                return; // pipelined after a request that ended the connection: never answered
            }
            byte[] response = respond(request);
            closeRequested = !request.keepAlive();
            sink.onMessage(response, 0, response.length);
        });
        if (closeRequested) {
            return DecodeResult.CLOSE;
        }
        if (error != null) {
            refusal = responses.error(error);
            return DecodeResult.MALFORMED;
        }
        return DecodeResult.OK;
    }

    @Override
    public int pendingBytes() {
        return requests.pendingBytes();
    }

    /** The error response owed after {@link DecodeResult#MALFORMED}. */
    @Override
    public byte[] refusal() {
        if (refusal == null) {
            throw new IllegalStateException("no request was refused");
        }
        return refusal;
    }

    /** A client may not hold part of a request for ever (a slowloris client). */
    @Override
    public boolean cutsOffStalls() {
        return true;
    }

    /** 408 and a close (RFC 9110, 15.5.9): the client sent part of a request, then stalled. */
    @Override
    public byte[] stallRefusal() {
        return responses.error(new HttpError(408, "Request Timeout", "stalled partway through a request"));
    }

    private byte[] respond(HttpRequest request) {
        String connection = !request.keepAlive() ? "close"
                : request.version().equals("HTTP/1.0") ? "keep-alive" : null;
        String target = request.target();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String method = request.method();
        return switch (path) {
            case "/plaintext" -> method.equals("GET") || method.equals("HEAD")
                    ? responses.encode(200, "OK", "text/plain", null, PLAINTEXT_BODY, method.equals("GET"), connection)
                    : notAllowed("GET, HEAD", connection);
            case "/echo" -> {
                if (!method.equals("POST")) {
                    yield notAllowed("POST", connection);
                }
                String type = request.header("Content-Type");
                yield responses.encode(200, "OK", type == null ? "application/octet-stream" : type, null,
                        request.body(), true, connection);
            }
            default -> responses.encode(404, "Not Found", null, null, new byte[0], true, connection);
        };
    }

    private byte[] notAllowed(String allowed, String connection) {
        return responses.encode(405, "Method Not Allowed", null, "Allow: " + allowed, new byte[0], true, connection);
    }
}
