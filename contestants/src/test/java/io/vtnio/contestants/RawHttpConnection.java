package io.vtnio.contestants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client that writes requests as raw bytes and reads responses byte by byte, so a test sees
 * exactly what the server sent: each response's status line, headers and Content-Length body,
 * and whether the server closed the connection afterwards.
 *
 * <p>Threading: one test thread.
 */
final class RawHttpConnection implements AutoCloseable {

    /** One response: the status line, headers by lower-case name, the body. */
    record Response(String statusLine, Map<String, String> headers, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttpConnection(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 2_000);
        socket.setSoTimeout(3_000);
        in = socket.getInputStream();
    }

    void send(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /**
     * Reads one response with a Content-Length body (the contestants never chunk); for a
     * response to HEAD pass {@code head} so the declared length is not read.
     */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("no Content-Length in " + statusLine + " " + headers);
        }
        byte[] body = head ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Response(statusLine, headers, body);
    }

    Response read() throws IOException {
        return read(false);
    }

    /** True when the server closes the connection (end of stream or reset) within the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a close too
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the server closed the connection after " + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
