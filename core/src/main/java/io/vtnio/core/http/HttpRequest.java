package io.vtnio.core.http;

import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x request as {@link HttpRequestDecoder} read it: the request line, the header fields
 * in the order sent (names as sent; compare them with {@link #header}, which ignores case), and
 * the body whole (Content-Length or chunked, never both).
 *
 * @param keepAlive whether the connection stays open after the response: HTTP/1.1 unless
 *                  {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}
 *
 * <p>Threading: immutable (the body array is never written after the decoder hands it over).
 */
public record HttpRequest(String method, String target, String version, List<Header> headers, byte[] body,
                          boolean keepAlive) {

    /** One header field; its value has no leading or trailing whitespace. */
    public record Header(String name, String value) {
    }

    public HttpRequest {
        headers = List.copyOf(headers);
    }

    /** The value of the first field named {@code name} (any case), or null. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Whether a {@code Connection} field lists {@code option} (lower case) among its comma-separated options. */
    static boolean connectionHas(List<Header> headers, String option) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase("Connection")) {
                for (String part : header.value().split(",")) {
                    if (part.trim().toLowerCase(Locale.ROOT).equals(option)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
