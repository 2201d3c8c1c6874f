package io.vtnio.core.http;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Encodes the responses of {@code --mode http}: a status line, {@code Content-Length} always
 * (never chunked), {@code Content-Type} when there is a body, {@code Date} (RFC 9110, 6.6.1: an
 * origin server with a clock sends it), {@code Server}, and {@code Connection: close} or
 * {@code keep-alive} where the request's version needs it said.
 *
 * <p>Threading: thread-safe. The {@code Date} value is formatted at most once a second and shared
 * through a volatile field, as Netty's and Helidon's servers cache theirs.
 */
public final class HttpResponses {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private volatile CachedDate date = new CachedDate(-1, new byte[0]);

    /**
     * A whole response.
     *
     * @param status       e.g. 200
     * @param reason       e.g. {@code OK}
     * @param contentType  null when {@code body} is empty and there is none to name
     * @param extraHeader  one more header line without its CRLF ({@code Allow: GET, HEAD}), or null
     * @param body         the content; its length goes into {@code Content-Length}
     * @param withBody     false for HEAD, whose response has the length but not the body
     * @param connection   null, {@code close} or {@code keep-alive}
     */
    public byte[] encode(int status, String reason, String contentType, String extraHeader, byte[] body,
                         boolean withBody, String connection) {
        StringBuilder head = new StringBuilder(128)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (extraHeader != null) {
            head.append(extraHeader).append("\r\n");
        }
        if (connection != null) {
            head.append("Connection: ").append(connection).append("\r\n");
        }
        head.append("Server: vtnio\r\nDate: ");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] dateBytes = dateNow();
        int bodyLength = withBody ? body.length : 0;
        byte[] response = new byte[headBytes.length + dateBytes.length + 2 * CRLF.length + bodyLength];
        int at = 0;
        System.arraycopy(headBytes, 0, response, at, headBytes.length);
        at += headBytes.length;
        System.arraycopy(dateBytes, 0, response, at, dateBytes.length);
        at += dateBytes.length;
        response[at++] = '\r';
        response[at++] = '\n';
        response[at++] = '\r';
        response[at++] = '\n';
        System.arraycopy(body, 0, response, at, bodyLength);
        return response;
    }

    /** The response to a request that could not be read: its status, no body, and a close. */
    public byte[] error(HttpError error) {
        return encode(error.status(), error.reason(), null, null, new byte[0], true, "close");
    }

    private byte[] dateNow() {
        long second = System.currentTimeMillis() / 1000;
        CachedDate cached = date;
        if (cached.second != second) {
            String text = HTTP_DATE.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second),
                    ZoneOffset.UTC));
            cached = new CachedDate(second, text.getBytes(StandardCharsets.US_ASCII));
            date = cached;
        }
        return cached.bytes;
    }

    private record CachedDate(long second, byte[] bytes) {
    }
}
