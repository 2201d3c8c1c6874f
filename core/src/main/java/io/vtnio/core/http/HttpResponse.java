package io.vtnio.core.http;

import java.util.List;

/**
 * One HTTP/1.x response as {@link HttpResponseDecoder} read it, copied out of the decoder's
 * buffers by {@link HttpResponseDecoder.Response#toResponse()}: for callers that keep responses
 * (a conformance check, a test), not for a load generator's hot path, which reads the reused
 * {@link HttpResponseDecoder.Response} view instead.
 *
 * @param version   {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status    100 to 599
 * @param reason    the reason phrase, possibly empty
 * @param headers   the header fields in the order received (trailers of a chunked body excluded)
 * @param body      the body whole, de-chunked; empty for an answer to HEAD, 204 and 304
 * @param keepAlive whether the connection may carry another request: false after
 *                  {@code Connection: close}, for HTTP/1.0 without {@code keep-alive}, and for a
 *                  body delimited by the close
 *
 * <p>Threading: immutable (the body array is never written after the decoder hands it over).
 */
public record HttpResponse(String version, int status, String reason, List<HttpRequest.Header> headers, byte[] body,
                           boolean keepAlive) {

    public HttpResponse {
        headers = List.copyOf(headers);
    }

    /** The value of the first field named {@code name} (any case), or null. */
    public String header(String name) {
        for (HttpRequest.Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }
}
