package io.vtnio.core.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.0 and HTTP/1.1 requests from a connection's inbound bytes, as strictly as a
 * production server: what {@code --mode http} of every server and {@code verify --mode http}
 * build on, written once here as the line protocol's {@code LineDecoder} is.
 *
 * <ul>
 *   <li>Requests may be pipelined and may arrive in any split; each is delivered whole, in order.</li>
 *   <li>Bodies by {@code Content-Length} or {@code Transfer-Encoding: chunked} (extensions and
 *       trailers read and dropped).</li>
 *   <li>Limits: the request line ({@link Limits#requestLineBytes}, else 414), the header section
 *       ({@link Limits#headerBytes}, else 431; trailers count too) and the body
 *       ({@link Limits#bodyBytes}, else 413, refused as soon as a length says so).</li>
 *   <li>400 for malformed input, and for what a proxy in front could frame differently (request
 *       smuggling): both Content-Length and Transfer-Encoding, two Content-Lengths, a coding other
 *       than chunked, whitespace before a field's colon, folded lines, control characters; an
 *       HTTP/1.1 request without exactly one {@code Host}.</li>
 *   <li>Lines end with CRLF; a bare LF is accepted as their end, a bare CR is not.</li>
 * </ul>
 *
 * <p>After an error the decoder is done: the server answers with the error's status and closes.
 * Bytes of an incomplete request wait in a buffer of the decoder's own, dropped again when the
 * connection goes idle, so an idle connection holds none.
 *
 * <pre>{@code
 * HttpRequestDecoder decoder = new HttpRequestDecoder(HttpRequestDecoder.Limits.DEFAULT);
 * HttpError error = decoder.decode(buffer, 0, n, request -> respond(request));
 * if (error != null) { answer(error.status()); close(); }
 * }</pre>
 *
 * <p>Threading: not thread-safe; one instance per connection.
 */
public final class HttpRequestDecoder {

    /** Receives each complete request. */
    public interface Sink {
        void onRequest(HttpRequest request);
    }

    /**
     * @param requestLineBytes longest request line, terminator excluded (414 beyond)
     * @param headerBytes      longest header section, the empty line included (431 beyond)
     * @param bodyBytes        longest body (413 beyond)
     */
    public record Limits(int requestLineBytes, int headerBytes, long bodyBytes) {
        /** Netty's and Tomcat's sizes: 8 KiB of request line, 16 KiB of headers; a 1 MiB body. */
        public static final Limits DEFAULT = new Limits(8192, 16_384, 1L << 20);

        public Limits {
            if (requestLineBytes < 16 || headerBytes < 16 || bodyBytes < 0) {
                throw new IllegalArgumentException("limits too small: " + requestLineBytes + ", " + headerBytes + ", "
                        + bodyBytes);
            }
        }
    }

    /** Buffers up to this size stay with an idle connection; larger ones are dropped. */
    static final int RETAINED_BYTES = 256;
    /** Longest chunk-size line (size and extensions). */
    private static final int CHUNK_LINE_BYTES = 1024;

    private final Limits limits;
    private byte[] buffer;
    private int start;
    private int end;
    private HttpError error;

    public HttpRequestDecoder(Limits limits) {
        this.limits = limits;
    }

    /**
     * Delivers every complete request in {@code bytes[offset, offset + length)} (after what was
     * kept from earlier calls) to {@code sink}.
     *
     * @return null, or the error that ends this connection (requests before it were delivered)
     */
    public HttpError decode(byte[] bytes, int offset, int length, Sink sink) {
        if (error != null) {
            return error;
        }
        append(bytes, offset, length);
        while (start < end) {
            Parse parse = new Parse(start);
            HttpRequest request;
            try {
                request = parse.request();
            } catch (Malformed e) {
                error = e.error;
                buffer = null;
                return error;
            }
            if (request == null) {
                break;
            }
            start = parse.position;
            sink.onRequest(request);
        }
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer != null && buffer.length > RETAINED_BYTES) {
                buffer = null;
            }
        }
        return null;
    }

    /** Bytes kept for a request not yet complete. */
    public int pendingBytes() {
        return end - start;
    }

    /** Size of the buffer held, 0 when none; package-private for tests. */
    int bufferCapacity() {
        return buffer == null ? 0 : buffer.length;
    }

    private void append(byte[] bytes, int offset, int length) {
        if (buffer == null) {
            buffer = new byte[Math.max(RETAINED_BYTES, length)];
        } else if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(end + length, buffer.length * 2));
        }
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
    }

    /** An error found while parsing, carried out of the parse. */
    private static final class Malformed extends Exception {
        final HttpError error;

        Malformed(HttpError error) {
            super(error.detail(), null, false, false);
            this.error = error;
        }
    }

    /** One attempt to read a request from the buffer at {@code position}; null results mean "not yet complete". */
    private final class Parse {
        int position;

        Parse(int position) {
            this.position = position;
        }

        HttpRequest request() throws Malformed {
            // A client may send empty lines before a request (RFC 9112, 2.2).
            while (position < end && (buffer[position] == '\r' || buffer[position] == '\n')) {
                if (buffer[position] == '\r' && (position + 1 >= end || buffer[position + 1] != '\n')) {
                    if (position + 1 >= end) {
                        return null;
                    }
                    throw new Malformed(HttpError.badRequest("a bare CR before the request line"));
                }
                position += buffer[position] == '\r' ? 2 : 1;
            }
            String line = line(limits.requestLineBytes(), true);
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !isVisible(parts[1])) {
                throw new Malformed(HttpError.badRequest("malformed request line"));
            }
            String version = parts[2];
            if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
                throw new Malformed(HttpError.badRequest("unsupported version " + version));
            }
            int headerStart = position;
            List<HttpRequest.Header> headers = fields(headerStart);
            if (headers == null) {
                return null;
            }
            byte[] body = body(headers, version);
            if (body == null) {
                return null;
            }
            long hosts = headers.stream().filter(header -> header.name().equalsIgnoreCase("Host")).count();
            if (hosts > 1 || (hosts == 0 && version.equals("HTTP/1.1"))) {
                // RFC 9112, 3.2: a server must answer 400 to an HTTP/1.1 request without exactly one Host.
                throw new Malformed(HttpError.badRequest(hosts + " Host fields"));
            }
            boolean keepAlive = version.equals("HTTP/1.1") ? !HttpRequest.connectionHas(headers, "close")
                    : HttpRequest.connectionHas(headers, "keep-alive");
            return new HttpRequest(parts[0], parts[1], version, headers, body, keepAlive);
        }

        /** Header (or trailer) fields up to the empty line, or null when it has not come yet. */
        private List<HttpRequest.Header> fields(int sectionStart) throws Malformed {
            List<HttpRequest.Header> headers = new ArrayList<>();
            while (true) {
                int budget = limits.headerBytes() - (position - sectionStart);
                String line = line(Math.max(0, budget), false);
                if (line == null) {
                    return null;
                }
                if (position - sectionStart > limits.headerBytes()) {
                    throw new Malformed(HttpError.headersTooLarge(limits.headerBytes()));
                }
                if (line.isEmpty()) {
                    return headers;
                }
                headers.add(field(line));
            }
        }

        private HttpRequest.Header field(String line) throws Malformed {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new Malformed(HttpError.badRequest("a folded header line"));
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new Malformed(HttpError.badRequest("malformed header field name"));
            }
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new Malformed(HttpError.badRequest("a control character in a header value"));
                }
            }
            return new HttpRequest.Header(line.substring(0, colon), value);
        }

        /** The body the fields frame, or null when it has not all come. */
        private byte[] body(List<HttpRequest.Header> headers, String version) throws Malformed {
            List<String> lengths = new ArrayList<>();
            List<String> codings = new ArrayList<>();
            for (HttpRequest.Header header : headers) {
                if (header.name().equalsIgnoreCase("Content-Length")) {
                    lengths.add(header.value());
                } else if (header.name().equalsIgnoreCase("Transfer-Encoding")) {
                    codings.add(header.value());
                }
            }
            if (!codings.isEmpty()) {
                if (!lengths.isEmpty()) {
                    throw new Malformed(HttpError.badRequest("both Content-Length and Transfer-Encoding"));
                }
                if (version.equals("HTTP/1.0") || codings.size() > 1
                        || !codings.getFirst().toLowerCase(Locale.ROOT).equals("chunked")) {
                    throw new Malformed(HttpError.badRequest("a transfer coding other than chunked"));
                }
                return chunked();
            }
            if (lengths.size() > 1) {
                throw new Malformed(HttpError.badRequest("more than one Content-Length"));
            }
            long length = lengths.isEmpty() ? 0 : contentLength(lengths.getFirst());
            if (length > limits.bodyBytes()) {
                throw new Malformed(HttpError.bodyTooLarge(limits.bodyBytes()));
            }
            if (end - position < length) {
                return null;
            }
            byte[] body = Arrays.copyOfRange(buffer, position, position + (int) length);
            position += (int) length;
            return body;
        }

        private long contentLength(String value) throws Malformed {
            if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Malformed(HttpError.badRequest("malformed Content-Length"));
            }
            if (value.length() > 18) {
                throw new Malformed(HttpError.bodyTooLarge(limits.bodyBytes()));
            }
            return Long.parseLong(value);
        }

        private byte[] chunked() throws Malformed {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String line = line(CHUNK_LINE_BYTES, false);
                if (line == null) {
                    return null;
                }
                int semicolon = line.indexOf(';');
                String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
                if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new Malformed(HttpError.badRequest("malformed chunk size"));
                }
                long size = Long.parseLong(hex, 16);
                if (body.size() + size > limits.bodyBytes()) {
                    throw new Malformed(HttpError.bodyTooLarge(limits.bodyBytes()));
                }
                if (size == 0) {
                    // Trailers have a header section's limit of their own; they are read and dropped.
                    return fields(position) == null ? null : body.toByteArray();
                }
                if (end - position < size) {
                    return null;
                }
                body.write(buffer, position, (int) size);
                position += (int) size;
                String after = line(0, false);
                if (after == null) {
                    return null;
                }
                if (!after.isEmpty()) {
                    throw new Malformed(HttpError.badRequest("chunk data longer than its size"));
                }
            }
        }

        /**
         * The next line (CRLF or LF dropped) as ISO-8859-1, or null when it has not all come.
         *
         * @param limit      longest line, terminator excluded
         * @param requestLine whether it is the request line (414 past the limit, else 431 or 400)
         */
        private String line(int limit, boolean requestLine) throws Malformed {
            int lf = -1;
            int scanEnd = (int) Math.min(end, (long) position + limit + 2);
            for (int i = position; i < scanEnd; i++) {
                if (buffer[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                if (end - position > limit + 1) {
                    throw new Malformed(requestLine ? HttpError.uriTooLong(limits.requestLineBytes())
                            : limit == CHUNK_LINE_BYTES ? HttpError.badRequest("chunk size line too long")
                            : HttpError.headersTooLarge(limits.headerBytes()));
                }
                return null;
            }
            int lineEnd = lf > position && buffer[lf - 1] == '\r' ? lf - 1 : lf;
            if (lineEnd - position > limit) {
                throw new Malformed(requestLine ? HttpError.uriTooLong(limits.requestLineBytes())
                        : limit == CHUNK_LINE_BYTES ? HttpError.badRequest("chunk size line too long")
                        : HttpError.headersTooLarge(limits.headerBytes()));
            }
            for (int i = position; i < lineEnd; i++) {
                if (buffer[i] == '\r' || buffer[i] == 0) {
                    throw new Malformed(HttpError.badRequest("a bare CR or NUL in a line"));
                }
            }
            String line = new String(buffer, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            position = lf + 1;
            return line;
        }
    }

    /** RFC 9110 token: one or more tchar. */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(String text) {
        return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
