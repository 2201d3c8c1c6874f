package io.vtnio.loadgen.client;

import io.vtnio.loadgen.wire.EchoPayload;
import io.vtnio.loadgen.wire.Printable;
import io.vtnio.core.http.HttpExchange;
import io.vtnio.core.http.HttpResponseDecoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The request every connection of {@code load --mode http} sends, and what its response must be.
 * A request is the request line, {@code Host} (unless a {@code --header} gives one), the
 * {@code --header} fields, {@code Content-Length} when there is a body, and the body: the fixed
 * {@code --body}, or for POST and PUT without one, {@code --payload} bytes that carry the
 * connection's letters and the request's sequence number as echo's messages do
 * ({@link EchoPayload}), so each request of a run differs and an answer to another is caught.
 * Every request of a connection has the same length, which is how the generator tells when each
 * one has left the socket.
 *
 * <p>The response must have {@code expectedStatus}; its body, when the route is known, must be
 * exact: {@code Hello, World!} for {@code GET /plaintext}, the request's body for
 * {@code POST /echo}. Any other route's body is checked only for its framing (its length as
 * {@code Content-Length} or the chunks said), and an answer to HEAD has none.
 *
 * <pre>{@code
 * HttpRequestTemplate template = new HttpRequestTemplate("POST", "/echo", List.of(), null, 32, 200);
 * byte[] head = template.head(target);                        // once per connection
 * out.put(head); template.writeBody(index, sequence, out);   // per request
 * String wrong = template.checkBody(response, index, sequence, scratch);   // null when right
 * }</pre>
 *
 * <p>Threading: immutable; shared by every loop.
 */
public final class HttpRequestTemplate {

    /** How a response's body is checked. */
    private enum BodyCheck { PLAINTEXT, ECHO, FRAMING_ONLY }

    private final String method;
    private final String path;
    private final List<String> headers;
    private final byte[] fixedBody;
    private final EchoPayload payload;
    private final int bodyBytes;
    private final int expectedStatus;
    private final BodyCheck bodyCheck;
    private final boolean hostGiven;

    /**
     * @param method         a token, e.g. {@code GET}
     * @param path           the request target, e.g. {@code /plaintext}
     * @param headers        {@code Name: value} lines added to every request, validated
     * @param fixedBody      the body of every request, or null for the default: {@code payloadBytes}
     *                       varied per request for POST and PUT, none otherwise
     * @param payloadBytes   the default body's length, at least 1
     * @param expectedStatus the status every response must have
     */
    public HttpRequestTemplate(String method, String path, List<String> headers, byte[] fixedBody, int payloadBytes,
                               int expectedStatus) {
        this.method = method;
        this.path = path;
        this.headers = List.copyOf(headers);
        this.fixedBody = fixedBody == null ? null : fixedBody.clone();
        boolean generated = fixedBody == null && (method.equals("POST") || method.equals("PUT"));
        this.payload = generated ? new EchoPayload(payloadBytes, new byte[0]) : null;
        this.bodyBytes = fixedBody != null ? fixedBody.length : generated ? payloadBytes : 0;
        this.expectedStatus = expectedStatus;
        int query = path.indexOf('?');
        String route = query < 0 ? path : path.substring(0, query);
        this.bodyCheck = expectedStatus != 200 ? BodyCheck.FRAMING_ONLY
                : route.equals("/plaintext") && method.equals("GET") ? BodyCheck.PLAINTEXT
                : route.equals("/echo") && method.equals("POST") ? BodyCheck.ECHO
                : BodyCheck.FRAMING_ONLY;
        this.hostGiven = this.headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("host:"));
    }

    /** Whether the requests are HEADs, whose responses have no body. */
    public boolean answersHead() {
        return method.equals("HEAD");
    }

    public int expectedStatus() {
        return expectedStatus;
    }

    /** {@code GET /plaintext}, for the run's header line. */
    public String describe() {
        return method + " " + path + (bodyBytes > 0 ? " with a " + bodyBytes + "-byte body" : "");
    }

    /** Everything of a request to {@code target} before its body. */
    public byte[] head(InetSocketAddress target) {
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        if (!hostGiven) {
            String host = target.getHostString();
            head.append("Host: ").append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':')
                    .append(target.getPort()).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (bodyBytes > 0) {
            head.append("Content-Length: ").append(bodyBytes).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes of a request's body. */
    public int bodyBytes() {
        return bodyBytes;
    }

    /** Puts the body of request {@code sequence} of connection {@code index}; needs {@link #bodyBytes} of room. */
    public void writeBody(int index, long sequence, ByteBuffer out) {
        if (payload != null) {
            payload.writeText(index, sequence, out);
        } else if (fixedBody != null) {
            out.put(fixedBody);
        }
    }

    /**
     * Checks the body of the response to request {@code sequence} of connection {@code index}.
     *
     * @param scratch room for {@link #bodyBytes}, the caller's own (it is written)
     * @return null when right, else what was wrong
     */
    public String checkBody(HttpResponseDecoder.Response response, int index, long sequence, ByteBuffer scratch) {
        switch (bodyCheck) {
            case PLAINTEXT -> {
                if (answersHead() || response.bodyEquals(HttpExchange.PLAINTEXT_BODY)) {
                    return null;
                }
                return "body " + Printable.quote(response.body(), 0, response.bodyLength()) + ", expected "
                        + Printable.quote(HttpExchange.PLAINTEXT_BODY, 0, HttpExchange.PLAINTEXT_BODY.length);
            }
            case ECHO -> {
                scratch.clear();
                writeBody(index, sequence, scratch);
                if (response.bodyEquals(scratch.array(), 0, scratch.position())) {
                    return null;
                }
                return "body " + Printable.quote(response.body(), 0, response.bodyLength()) + ", expected the request's "
                        + Printable.quote(scratch.array(), 0, scratch.position());
            }
            default -> {
                return null;
            }
        }
    }
}
