package io.vtnio.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 response as a rule reads it from a {@link TestClient}: its status, its header
 * fields and its body, framed by {@code Content-Length}, by chunks, or by the close, as any server
 * may choose (RFC 9112, 6.3). Interim 1xx responses are skipped. It is the rules' reading of a
 * reply, lenient where a server may choose and exact where the rules check.
 *
 * @param status  e.g. 200
 * @param headers the fields in the order received, names as sent
 * @param body    the content, de-chunked
 *
 * <p>Threading: immutable.
 */
record HttpReply(int status, List<String[]> headers, byte[] body) {

    /** The value of the first field named {@code name} (any case), or null. */
    String header(String name) {
        for (String[] field : headers) {
            if (field[0].equalsIgnoreCase(name)) {
                return field[1];
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server said it closes the connection after this response. */
    boolean closes() {
        String connection = header("Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }

    /** Reads the next response; {@code toHead} says it answers a HEAD, which has no body whatever its length says. */
    static HttpReply read(TestClient client, boolean toHead) throws IOException {
        while (true) {
            String statusLine = line(client);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
                throw new AssertionError("not an HTTP/1.x status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            List<String[]> headers = new ArrayList<>();
            for (String field = line(client); !field.isEmpty(); field = line(client)) {
                int colon = field.indexOf(':');
                if (colon <= 0) {
                    throw new AssertionError("malformed header field: " + field);
                }
                headers.add(new String[] {field.substring(0, colon), field.substring(colon + 1).trim()});
            }
            HttpReply head = new HttpReply(status, headers, new byte[0]);
            if (status >= 100 && status < 200) {
                continue;
            }
            if (toHead || status == 204 || status == 304) {
                return head;
            }
            return new HttpReply(status, headers, body(client, head));
        }
    }

    /** Reads the next response to a request other than HEAD. */
    static HttpReply read(TestClient client) throws IOException {
        return read(client, false);
    }

    private static byte[] body(TestClient client, HttpReply head) throws IOException {
        String coding = head.header("Transfer-Encoding");
        if (coding != null && coding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(client);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!line(client).isEmpty()) {
                        // trailer fields: read and dropped
                    }
                    return body.toByteArray();
                }
                body.writeBytes(client.readExactly(size));
                if (!line(client).isEmpty()) {
                    throw new AssertionError("a chunk not followed by CRLF");
                }
            }
        }
        String length = head.header("Content-Length");
        if (length != null) {
            return client.readExactly(Integer.parseInt(length.trim()));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            while (true) {
                body.writeBytes(client.readOnce(64 * 1024));
            }
        } catch (EOFException e) {
            return body.toByteArray(); // delimited by the close
        }
    }

    private static String line(TestClient client) throws IOException {
        String line = client.readLine();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
