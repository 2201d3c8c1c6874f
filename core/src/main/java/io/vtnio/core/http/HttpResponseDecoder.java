package io.vtnio.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads HTTP/1.0 and HTTP/1.1 responses from a client connection's inbound bytes, strictly: what
 * {@code load --mode http} and {@code verify --mode http} check servers with, written once here as
 * {@link HttpRequestDecoder} is for the servers.
 *
 * <ul>
 *   <li>Responses may be pipelined and arrive in any split; each is delivered whole, in order, to a
 *       {@link Sink}.</li>
 *   <li>The caller says, in order, what each response answers ({@link #expectResponse}): the answer
 *       to {@code HEAD} has no body whatever its {@code Content-Length} says (RFC 9110, 9.3.2). A
 *       response with no request outstanding is an error.</li>
 *   <li>Bodies by {@code Content-Length}, {@code Transfer-Encoding: chunked} (extensions and
 *       trailers read and dropped) or, with neither, up to the close ({@link #endOfInput}); none for
 *       204 and 304. Interim 1xx responses are skipped (101 is an error: no protocol switch here).</li>
 *   <li>{@code Connection: close} (and HTTP/1.0 without {@code keep-alive}) is noticed:
 *       {@link Response#keepAlive()} is false, and a byte after that response is an error.</li>
 *   <li>Limits: the status line, the header section (trailers count too) and the body
 *       ({@link Limits}); over one is an error, as soon as a length says so.</li>
 *   <li>Malformed input is an error with a reason: a status line that is not {@code HTTP/1.x NNN
 *       reason}, a field name that is not a token, whitespace before the colon, folded lines,
 *       control characters, a bare CR, both Content-Length and Transfer-Encoding, two
 *       Content-Lengths, a coding other than chunked, a malformed chunk. Lines end with CRLF; a
 *       bare LF is accepted as their end (RFC 9112, 2.2).</li>
 * </ul>
 *
 * <p>After an error the decoder is done: every later call returns the same reason, and the
 * caller closes the connection. Nothing is allocated per response: the {@link Response} handed
 * to the sink is one view reused for every response, valid only during the call, whose body is
 * a slice of the caller's array when it came whole in one read and of the decoder's own buffer
 * otherwise. {@link Response#toResponse()} copies one out as an {@link HttpResponse}.
 *
 * <pre>{@code
 * HttpResponseDecoder decoder = new HttpResponseDecoder(HttpResponseDecoder.Limits.DEFAULT);
 * send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
 * decoder.expectResponse(false);                       // true when the request was a HEAD
 * int n = channel.read(buffer);                        // then, for each read:
 * String error = n < 0 ? decoder.endOfInput(sink) : decoder.decode(bytes, 0, n, response -> {
 *     if (response.status() != 200 || !response.bodyEquals(expected)) { fail(); }
 *     if (!response.keepAlive()) { closeAfterThis(); }
 * });
 * if (error != null) { fail("malformed response: " + error); close(); }
 * }</pre>
 *
 * <p>Threading: not thread-safe; one instance per connection, used by the thread that reads it.
 */
public final class HttpResponseDecoder {

    /** Receives each complete final response. */
    public interface Sink {
        /** @param response valid only during this call; copy with {@link Response#toResponse()} to keep it */
        void onResponse(Response response);
    }

    /**
     * @param statusLineBytes longest status line, terminator excluded (at least 16)
     * @param headerBytes     longest header section after the status line, the empty line included
     *                        (at least 16); a chunked body's trailers have a section of their own
     * @param bodyBytes       longest body, de-chunked (0 or more)
     */
    public record Limits(int statusLineBytes, int headerBytes, int bodyBytes) {
        /** 8 KiB of status line, 64 KiB of headers (cookies and all), 16 MiB of body. */
        public static final Limits DEFAULT = new Limits(8192, 65_536, 16 << 20);

        public Limits {
            if (statusLineBytes < 16 || headerBytes < 16 || bodyBytes < 0) {
                throw new IllegalArgumentException("limits too small: " + statusLineBytes + ", " + headerBytes + ", "
                        + bodyBytes);
            }
        }
    }

    /** Buffers up to this size stay with the decoder between responses; larger ones are dropped. */
    static final int RETAINED_BYTES = 4096;
    private static final int CHUNK_LINE_BYTES = 1024;

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final Limits limits;
    private final Response response = new Response();
    private State state = State.HEAD;
    private String error;

    /** The head (status line and fields) as received, CRLFs included. */
    private byte[] head = new byte[256];
    private int headLength;
    /** Where the line being read starts in {@link #head}. */
    private int lineStart;
    /** Where the fields start in {@link #head}: after the status line's LF; 0 before it came. */
    private int fieldsStart;

    /** A chunk-size or trailer line being read. */
    private byte[] line = new byte[64];
    private int lineLength;
    private int trailerBytes;

    private byte[] body = new byte[256];
    private int bodyLength;
    private long remaining;

    /** Whether each outstanding request was a HEAD, oldest at {@link #firstExpected}. */
    private boolean[] expected = new boolean[16];
    private int firstExpected;
    private int expectedCount;

    public HttpResponseDecoder(Limits limits) {
        this.limits = limits;
    }

    /**
     * Says one more request was sent, so one more response is owed, in order.
     *
     * @param answersHead whether that request was a HEAD, whose response has no body
     */
    public void expectResponse(boolean answersHead) {
        if (expectedCount == expected.length) {
            boolean[] grown = new boolean[expected.length * 2];
            for (int i = 0; i < expectedCount; i++) {
                grown[i] = expected[(firstExpected + i) % expected.length];
            }
            expected = grown;
            firstExpected = 0;
        }
        expected[(firstExpected + expectedCount) % expected.length] = answersHead;
        expectedCount++;
    }

    /** Responses owed: requests announced by {@link #expectResponse} and not yet answered whole. */
    public int expectedResponses() {
        return expectedCount;
    }

    /** Whether bytes of a response not yet complete are held. */
    public boolean inResponse() {
        return state != State.HEAD || headLength > 0;
    }

    /**
     * Delivers every complete response in {@code bytes[offset, offset + length)} (after what was
     * kept from earlier calls) to {@code sink}.
     *
     * @return null, or why the input is no valid response stream (responses before it were delivered)
     */
    public String decode(byte[] bytes, int offset, int length, Sink sink) {
        if (error != null) {
            return error;
        }
        int position = offset;
        int end = offset + length;
        try {
            while (position < end) {
                position = switch (state) {
                    case HEAD -> readHead(bytes, position, end, sink);
                    case BODY -> readBody(bytes, position, end, sink);
                    case CHUNK_SIZE -> readChunkSize(bytes, position, end);
                    case CHUNK_DATA -> readChunkData(bytes, position, end);
                    case CHUNK_DATA_END -> readChunkDataEnd(bytes, position, end);
                    case TRAILERS -> readTrailers(bytes, position, end, sink);
                    case UNTIL_CLOSE -> readUntilClose(bytes, position, end);
                    case DONE -> throw new Malformed("bytes after a response that closed the connection");
                };
            }
        } catch (Malformed e) {
            return fail(e.getMessage());
        }
        return null;
    }

    /**
     * The connection's inbound side ended: delivers a body that was delimited by the close.
     *
     * @return null when no response was cut off, else why (responses still owed but not begun are
     *         the caller's to judge, with {@link #expectedResponses()})
     */
    public String endOfInput(Sink sink) {
        if (error != null) {
            return error;
        }
        if (state == State.UNTIL_CLOSE) {
            deliver(body, 0, bodyLength, sink);
            return null;
        }
        if (inResponse() && state != State.DONE) {
            return fail("the connection closed in the middle of a response");
        }
        return null;
    }

    private String fail(String reason) {
        error = reason;
        head = null;
        body = null;
        line = null;
        return error;
    }

    // ---- head ----

    private int readHead(byte[] bytes, int position, int end, Sink sink) throws Malformed {
        int i = position;
        while (i < end) {
            byte b = bytes[i++];
            if (headLength == head.length) {
                head = Arrays.copyOf(head, head.length * 2);
            }
            head[headLength++] = b;
            if (fieldsStart == 0 ? headLength > limits.statusLineBytes() + 2
                    : headLength - fieldsStart > limits.headerBytes()) {
                throw new Malformed(fieldsStart == 0 ? "status line over " + limits.statusLineBytes() + " bytes"
                        : "header section over " + limits.headerBytes() + " bytes");
            }
            if (b == '\n') {
                int lineBytes = headLength - lineStart;
                if (lineBytes == 1 || (lineBytes == 2 && head[lineStart] == '\r')) {
                    if (lineStart == 0) {
                        throw new Malformed("an empty line where a status line was due");
                    }
                    onHead(sink);
                    return i;
                }
                if (lineStart == 0) {
                    onStatusLine();
                    fieldsStart = headLength;
                }
                lineStart = headLength;
            }
        }
        return i;
    }

    /** The status line came whole, in {@code head[0, headLength)}: checked at once, not when the head is complete. */
    private void onStatusLine() throws Malformed {
        int statusEnd = lineEnd(0);
        if (statusEnd > limits.statusLineBytes()) {
            throw new Malformed("status line over " + limits.statusLineBytes() + " bytes");
        }
        parseStatusLine(statusEnd);
    }

    /** The head is complete in {@code head[0, headLength)}: parses its fields and decides the body's framing. */
    private void onHead(Sink sink) throws Malformed {
        Response r = response;
        r.fieldsStart = fieldsStart;
        r.fieldsEnd = lineStart;
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        boolean keepAliveOption = false;
        for (int at = r.fieldsStart; at < r.fieldsEnd; at = indexAfterLf(at)) {
            int eol = lineEnd(at);
            int colon = fieldColon(at, eol);
            int valueStart = skipSpace(colon + 1, eol);
            int valueEnd = trimSpace(valueStart, eol);
            checkValue(valueStart, valueEnd);
            if (nameIs(at, colon, CONTENT_LENGTH)) {
                if (contentLength >= 0) {
                    throw new Malformed("more than one Content-Length");
                }
                contentLength = parseContentLength(valueStart, valueEnd);
            } else if (nameIs(at, colon, TRANSFER_ENCODING)) {
                if (chunked || !equalsIgnoreCase(valueStart, valueEnd, CHUNKED)) {
                    throw new Malformed("a transfer coding other than chunked: "
                            + new String(head, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
                }
                chunked = true;
            } else if (nameIs(at, colon, CONNECTION)) {
                close |= hasOption(valueStart, valueEnd, CLOSE);
                keepAliveOption |= hasOption(valueStart, valueEnd, KEEP_ALIVE);
            }
        }
        if (chunked && contentLength >= 0) {
            throw new Malformed("both Content-Length and Transfer-Encoding");
        }
        if (chunked && !r.http11) {
            throw new Malformed("Transfer-Encoding in an HTTP/1.0 response");
        }
        int status = r.status;
        if (status < 200) {
            if (status == 101) {
                throw new Malformed("101 Switching Protocols: no protocol switch was asked");
            }
            resetHead(); // interim: the final response follows
            return;
        }
        if (expectedCount == 0) {
            throw new Malformed("a " + status + " response with no request outstanding");
        }
        boolean answersHead = expected[firstExpected];
        r.keepAlive = !close && (r.http11 || keepAliveOption);
        if (contentLength > limits.bodyBytes()) {
            throw new Malformed("body over " + limits.bodyBytes() + " bytes (Content-Length " + contentLength + ")");
        }
        bodyLength = 0;
        if (answersHead || status == 204 || status == 304) {
            deliver(head, 0, 0, sink);
        } else if (chunked) {
            lineLength = 0;
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = State.BODY;
            if (remaining == 0) {
                deliver(head, 0, 0, sink);
            }
        } else {
            r.keepAlive = false; // the close ends the body (RFC 9112, 6.3, item 8)
            state = State.UNTIL_CLOSE;
        }
    }

    private void parseStatusLine(int eol) throws Malformed {
        Response r = response;
        if (eol < 12 || !startsWith(0, "HTTP/1.") || (head[7] != '1' && head[7] != '0') || head[8] != ' '
                || !isDigit(head[9]) || !isDigit(head[10]) || !isDigit(head[11]) || (eol > 12 && head[12] != ' ')) {
            throw new Malformed("malformed status line: " + printable(0, Math.min(eol, 80)));
        }
        r.http11 = head[7] == '1';
        r.status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        if (r.status < 100 || r.status > 599) {
            throw new Malformed("status " + r.status + " out of range");
        }
        r.reasonStart = Math.min(eol, 13);
        r.reasonEnd = eol;
        for (int i = r.reasonStart; i < eol; i++) {
            checkFieldByte(head[i]);
        }
    }

    /** The colon ending the field name of the line at {@code at}, after checking the name. */
    private int fieldColon(int at, int eol) throws Malformed {
        if (head[at] == ' ' || head[at] == '\t') {
            throw new Malformed("a folded header line");
        }
        int i = at;
        while (i < eol && head[i] != ':') {
            if (!isTchar(head[i])) {
                throw new Malformed(head[i] == ' ' || head[i] == '\t' ? "whitespace before a header field's colon"
                        : "malformed header field name: " + printable(at, Math.min(eol, at + 80)));
            }
            i++;
        }
        if (i == at || i == eol) {
            throw new Malformed("malformed header field: " + printable(at, Math.min(eol, at + 80)));
        }
        return i;
    }

    private void checkValue(int from, int to) throws Malformed {
        for (int i = from; i < to; i++) {
            checkFieldByte(head[i]);
        }
    }

    private static void checkFieldByte(byte b) throws Malformed {
        if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
            throw new Malformed(b == '\r' ? "a bare CR in the header section" : "a control character in a header");
        }
    }

    private long parseContentLength(int from, int to) throws Malformed {
        if (from == to || to - from > 18) {
            throw new Malformed("malformed Content-Length: " + printable(from, Math.min(to, from + 40)));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(head[i])) {
                throw new Malformed("malformed Content-Length: " + printable(from, Math.min(to, from + 40)));
            }
            value = value * 10 + (head[i] - '0');
        }
        return value;
    }

    /** Whether the comma-separated list in {@code head[from, to)} has {@code option} (any case). */
    private boolean hasOption(int from, int to, byte[] option) {
        int i = from;
        while (i < to) {
            int comma = i;
            while (comma < to && head[comma] != ',') {
                comma++;
            }
            int start = skipSpace(i, comma);
            if (equalsIgnoreCase(start, trimSpace(start, comma), option)) {
                return true;
            }
            i = comma + 1;
        }
        return false;
    }

    private void resetHead() {
        headLength = 0;
        lineStart = 0;
        fieldsStart = 0;
        if (head.length > RETAINED_BYTES) {
            head = new byte[256];
        }
    }

    // ---- body ----

    private int readBody(byte[] bytes, int position, int end, Sink sink) {
        int available = end - position;
        if (bodyLength == 0 && available >= remaining) {
            int length = (int) remaining;
            deliver(bytes, position, length, sink); // whole in this read: a slice of the caller's array
            return position + length;
        }
        int take = (int) Math.min(available, remaining);
        appendBody(bytes, position, take);
        remaining -= take;
        if (remaining == 0) {
            deliver(body, 0, bodyLength, sink);
        }
        return position + take;
    }

    private int readChunkSize(byte[] bytes, int position, int end) throws Malformed {
        int next;
        try {
            next = readLine(bytes, position, end, CHUNK_LINE_BYTES);
        } catch (LineTooLong e) {
            throw new Malformed("chunk size line over " + CHUNK_LINE_BYTES + " bytes");
        }
        if (next < 0) {
            return end;
        }
        int sizeEnd = 0;
        while (sizeEnd < lineLength && line[sizeEnd] != ';' && line[sizeEnd] != ' ' && line[sizeEnd] != '\t') {
            sizeEnd++;
        }
        if (sizeEnd == 0 || sizeEnd > 15) {
            throw new Malformed("malformed chunk size");
        }
        long size = 0;
        for (int i = 0; i < sizeEnd; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                throw new Malformed("malformed chunk size");
            }
            size = size * 16 + digit;
        }
        if (bodyLength + size > limits.bodyBytes()) {
            throw new Malformed("body over " + limits.bodyBytes() + " bytes (chunked)");
        }
        lineLength = 0;
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return next;
    }

    private int readChunkData(byte[] bytes, int position, int end) {
        int take = (int) Math.min(end - position, remaining);
        appendBody(bytes, position, take);
        remaining -= take;
        if (remaining == 0) {
            state = State.CHUNK_DATA_END;
        }
        return position + take;
    }

    private int readChunkDataEnd(byte[] bytes, int position, int end) throws Malformed {
        int next;
        try {
            next = readLine(bytes, position, end, 0);
        } catch (LineTooLong e) {
            throw new Malformed("chunk data longer than its size");
        }
        if (next >= 0) {
            state = State.CHUNK_SIZE;
            lineLength = 0;
        }
        return next < 0 ? end : next;
    }

    private int readTrailers(byte[] bytes, int position, int end, Sink sink) throws Malformed {
        int next;
        try {
            next = readLine(bytes, position, end, Math.max(0, limits.headerBytes() - trailerBytes - 2));
        } catch (LineTooLong e) {
            throw new Malformed("trailer section over " + limits.headerBytes() + " bytes");
        }
        if (next < 0) {
            return end;
        }
        trailerBytes += next - position;
        if (lineLength == 0) {
            deliver(body, 0, bodyLength, sink);
        } else if (line[0] == ' ' || line[0] == '\t') {
            throw new Malformed("a folded trailer line");
        }
        lineLength = 0;
        return next;
    }

    private int readUntilClose(byte[] bytes, int position, int end) throws Malformed {
        if ((long) bodyLength + (end - position) > limits.bodyBytes()) {
            throw new Malformed("body over " + limits.bodyBytes() + " bytes (delimited by the close)");
        }
        appendBody(bytes, position, end - position);
        return end;
    }

    /**
     * Reads into {@link #line} up to an LF (dropping it and a CR before it).
     *
     * @param limit longest line, terminator excluded
     * @return the position after the LF, or -1 when the line goes on past {@code end}
     */
    private int readLine(byte[] bytes, int position, int end, int limit) throws Malformed {
        for (int i = position; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                for (int j = 0; j < lineLength; j++) {
                    if (line[j] == '\r') {
                        throw new Malformed("a bare CR in a chunked body");
                    }
                }
                if (lineLength > limit) {
                    throw new LineTooLong();
                }
                return i + 1;
            }
            if (lineLength > limit) { // room for the CR
                throw new LineTooLong();
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
        return -1;
    }

    private void appendBody(byte[] bytes, int position, int length) {
        if (bodyLength + length > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLength + length, body.length * 2));
        }
        System.arraycopy(bytes, position, body, bodyLength, length);
        bodyLength += length;
    }

    /** Hands the response over, then readies the decoder for the next. */
    private void deliver(byte[] bodyArray, int bodyOffset, int length, Sink sink) {
        Response r = response;
        r.body = bodyArray;
        r.bodyOffset = bodyOffset;
        r.bodyLength = length;
        firstExpected = (firstExpected + 1) % expected.length;
        expectedCount--;
        state = r.keepAlive ? State.HEAD : State.DONE;
        try {
            sink.onResponse(r);
        } finally {
            r.body = null;
            resetHead();
            bodyLength = 0;
            if (body != null && body.length > RETAINED_BYTES) {
                body = new byte[256];
            }
        }
    }

    // ---- bytes of the head ----

    /** End of the line starting at {@code at}: its CR, or its LF when there is no CR. */
    private int lineEnd(int at) {
        int lf = at;
        while (head[lf] != '\n') {
            lf++;
        }
        return lf > at && head[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private int indexAfterLf(int at) {
        int lf = at;
        while (head[lf] != '\n') {
            lf++;
        }
        return lf + 1;
    }

    private int skipSpace(int from, int to) {
        while (from < to && (head[from] == ' ' || head[from] == '\t')) {
            from++;
        }
        return from;
    }

    private int trimSpace(int from, int to) {
        while (to > from && (head[to - 1] == ' ' || head[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private boolean nameIs(int from, int to, byte[] lowerCase) {
        return equalsIgnoreCase(from, to, lowerCase);
    }

    private boolean equalsIgnoreCase(int from, int to, byte[] lowerCase) {
        if (to - from != lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            byte b = head[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (head[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String printable(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            int c = head[i] & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return text.toString();
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isTchar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || isDigit(b) || (b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** An error found while parsing, carried out of the parse. */
    private static class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A line over its limit; the caller names which. */
    private static final class LineTooLong extends Malformed {
        LineTooLong() {
            super("line too long");
        }
    }

    /**
     * The response being delivered: one view per decoder, reused for every response and valid only
     * during {@link Sink#onResponse}.
     */
    public final class Response {
        private int status;
        private boolean http11;
        private boolean keepAlive;
        private int reasonStart;
        private int reasonEnd;
        private int fieldsStart;
        private int fieldsEnd;
        private byte[] body;
        private int bodyOffset;
        private int bodyLength;

        private Response() {
        }

        /** The status code, 200 to 599. */
        public int status() {
            return status;
        }

        /** Whether the connection may carry another request (see {@link HttpResponse#keepAlive()}). */
        public boolean keepAlive() {
            return keepAlive;
        }

        /** Bytes of body received (de-chunked); 0 for an answer to HEAD whatever its Content-Length. */
        public int bodyLength() {
            return bodyLength;
        }

        /** Whether the body is exactly {@code expected[offset, offset + length)}. */
        public boolean bodyEquals(byte[] expected, int offset, int length) {
            return Arrays.equals(body, bodyOffset, bodyOffset + bodyLength, expected, offset, offset + length);
        }

        /** Whether the body is exactly {@code expected}. */
        public boolean bodyEquals(byte[] expected) {
            return bodyEquals(expected, 0, expected.length);
        }

        /** A copy of the body. */
        public byte[] body() {
            return Arrays.copyOfRange(body, bodyOffset, bodyOffset + bodyLength);
        }

        /** The value of the first header field named {@code name} (any case), trimmed, or null. */
        public String header(String name) {
            byte[] lowerCase = ascii(name.toLowerCase(java.util.Locale.ROOT));
            for (int at = fieldsStart; at < fieldsEnd; at = indexAfterLf(at)) {
                int colon = colonOf(at);
                if (nameIs(at, colon, lowerCase)) {
                    return value(colon);
                }
            }
            return null;
        }

        /** A copy that outlives the call: version, status, reason, fields, body. */
        public HttpResponse toResponse() {
            List<HttpRequest.Header> headers = new ArrayList<>();
            for (int at = fieldsStart; at < fieldsEnd; at = indexAfterLf(at)) {
                int colon = colonOf(at);
                headers.add(new HttpRequest.Header(new String(head, at, colon - at, StandardCharsets.ISO_8859_1),
                        value(colon)));
            }
            return new HttpResponse(http11 ? "HTTP/1.1" : "HTTP/1.0", status,
                    new String(head, reasonStart, reasonEnd - reasonStart, StandardCharsets.ISO_8859_1), headers,
                    body(), keepAlive);
        }

        private int colonOf(int at) {
            int colon = at;
            while (head[colon] != ':') {
                colon++;
            }
            return colon;
        }

        private String value(int colon) {
            int eol = lineEnd(colon);
            int start = skipSpace(colon + 1, eol);
            int stop = trimSpace(start, eol);
            return new String(head, start, stop - start, StandardCharsets.ISO_8859_1);
        }
    }
}
