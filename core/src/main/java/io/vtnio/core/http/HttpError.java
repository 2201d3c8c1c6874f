package io.vtnio.core.http;

/**
 * Why a request could not be read, with the status a server answers before it closes the
 * connection: 400 for malformed input (and for framing a proxy could read differently: both
 * Content-Length and Transfer-Encoding, or two Content-Lengths), 413, 414 and 431 for parts over
 * their limits.
 *
 * @param status the response status, e.g. 431
 * @param reason its reason phrase, e.g. {@code Request Header Fields Too Large}
 * @param detail what was wrong, for logs; never sent
 */
public record HttpError(int status, String reason, String detail) {

    static HttpError badRequest(String detail) {
        return new HttpError(400, "Bad Request", detail);
    }

    static HttpError uriTooLong(int limit) {
        return new HttpError(414, "URI Too Long", "request line over " + limit + " bytes");
    }

    static HttpError headersTooLarge(int limit) {
        return new HttpError(431, "Request Header Fields Too Large", "header section over " + limit + " bytes");
    }

    static HttpError bodyTooLarge(long limit) {
        return new HttpError(413, "Content Too Large", "body over " + limit + " bytes");
    }
}
