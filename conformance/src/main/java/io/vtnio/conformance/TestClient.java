package io.vtnio.conformance;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A protocol client as raw as the tutorial's: a blocking {@link Socket} that writes bytes and
 * reads lines or byte counts back. Every read has a timeout ({@link #DEFAULT_READ_TIMEOUT} unless
 * set otherwise), so a reply the server never sends fails the test instead of hanging it.
 *
 * <pre>{@code
 * try (TestClient client = TestClient.connect(port)) {
 *     client.send("hello\n");
 *     assertEquals("hello好", client.readLine());
 * }
 * }</pre>
 *
 * <p>Threading: one thread may write while another reads; no two threads may read at once.
 */
public final class TestClient implements AutoCloseable {

    /** How long a read waits for the server unless told otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    /** How long a connect may take; long enough to ride out a SYN retransmission. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private byte[] partialReply = new byte[0];

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code 127.0.0.1:port} with the default read timeout. */
    public static TestClient connect(int port) throws IOException {
        return connect(new InetSocketAddress("127.0.0.1", port), DEFAULT_READ_TIMEOUT, socket -> { });
    }

    /** Connects to {@code 127.0.0.1:port} with the given read timeout. */
    public static TestClient connect(int port, Duration readTimeout) throws IOException {
        return connect(new InetSocketAddress("127.0.0.1", port), readTimeout, socket -> { });
    }

    /**
     * Connects to {@code 127.0.0.1:port} with a receive buffer of about {@code receiveBufferBytes}
     * (set before connecting, so the window is small from the start): a client that stops reading
     * makes the server's writes block soon.
     */
    public static TestClient connectWithReceiveBuffer(int port, int receiveBufferBytes, Duration readTimeout)
            throws IOException {
        return connect(new InetSocketAddress("127.0.0.1", port), readTimeout, socket -> {
            try {
                socket.setReceiveBufferSize(receiveBufferBytes);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Connects to {@code address}; {@code beforeConnect} may set socket options that only work
     * before connecting, such as a small receive buffer.
     */
    public static TestClient connect(InetSocketAddress address, Duration readTimeout, Consumer<Socket> beforeConnect)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            beforeConnect.accept(socket);
            socket.connect(address, (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new TestClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Changes how long each read waits from now on. */
    public void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Writes {@code text} as UTF-8, exactly as given: no newline is added. */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} in one write call. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one line and decodes it as UTF-8; the newline is not included. */
    public String readLine() throws IOException {
        return new String(readLineBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Reads up to and including the next {@code \n} and returns the bytes before it.
     *
     * @throws EOFException if the server closes before the newline
     * @throws SocketTimeoutException if the line does not come within the read timeout
     */
    public byte[] readLineBytes() throws IOException {
        byte[] line = new byte[128];
        int length = 0;
        while (true) {
            if (position == limit && !fillKeepingPartial(line, length)) {
                throw new EOFException("connection closed by server after " + length
                        + " bytes of a line: " + preview(line, length));
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return Arrays.copyOf(line, length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
    }

    /**
     * Like {@link #readLineBytes}, but an orderly close (FIN) right at a line boundary returns
     * {@code null} instead of throwing: for readers that read until the server ends the stream.
     *
     * @throws EOFException if the server closes in the middle of a line
     * @throws SocketException if the connection is reset
     */
    public byte[] readLineBytesOrNullAtEof() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        return readLineBytes();
    }

    /** Reads exactly {@code count} bytes. */
    public byte[] readExactly(int count) throws IOException {
        byte[] bytes = new byte[count];
        int length = 0;
        while (length < count) {
            if (position == limit && !fillKeepingPartial(bytes, length)) {
                throw new EOFException("connection closed by server after " + length + " of " + count
                        + " bytes: " + preview(bytes, length));
            }
            int n = Math.min(count - length, limit - position);
            System.arraycopy(buffer, position, bytes, length, n);
            position += n;
            length += n;
        }
        return bytes;
    }

    /**
     * One read call of at most {@code max} bytes, like the tutorial's {@code recv(1024)}: returns
     * whatever that one call delivers.
     */
    public byte[] readOnce(int max) throws IOException {
        partialReply = new byte[0];
        if (position < limit) {
            int n = Math.min(max, limit - position);
            byte[] bytes = Arrays.copyOfRange(buffer, position, position + n);
            position += n;
            return bytes;
        }
        byte[] bytes = new byte[max];
        int n = in.read(bytes);
        if (n < 0) {
            throw new EOFException("connection closed by server before any reply");
        }
        return Arrays.copyOf(bytes, n);
    }

    /**
     * Asserts an orderly close: the next read sees end of stream, with no bytes before it.
     *
     * @throws AssertionError if bytes arrive, or the connection is reset, instead
     */
    public void assertEof() throws IOException {
        if (position < limit) {
            throw new AssertionError("expected end of stream, got more bytes: " + preview(
                    Arrays.copyOfRange(buffer, position, limit), limit - position));
        }
        int b;
        try {
            b = in.read();
        } catch (SocketException e) {
            throw new AssertionError("expected an orderly close (FIN), got " + e, e);
        }
        if (b >= 0) {
            throw new AssertionError("expected end of stream, got a byte: " + b);
        }
    }

    /**
     * Asserts that the server closed the connection with nothing more to say: no bytes, then end of
     * stream or a reset. Use where how the server closes is its own business; {@link #assertEof}
     * where the protocol demands an orderly close.
     */
    public void assertClosed() throws IOException {
        if (position < limit) {
            throw new AssertionError("expected the connection closed, got more bytes: " + preview(
                    Arrays.copyOfRange(buffer, position, limit), limit - position));
        }
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within the read timeout", e);
        } catch (SocketException e) {
            return;
        }
        if (b >= 0) {
            throw new AssertionError("expected the connection closed, got a byte: " + b);
        }
    }

    /**
     * Asserts that the server closes the connection (end of stream or reset), discarding any
     * bytes still arriving before the close. Fails if nothing happens within the read timeout.
     *
     * @return the number of bytes discarded
     */
    public long assertClosedDiscardingInput() throws IOException {
        long discarded = limit - position;
        position = limit;
        byte[] sink = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(sink)) >= 0) {
                discarded += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within the read timeout ("
                    + discarded + " bytes read meanwhile)", e);
        } catch (SocketException e) {
            // A reset is a close too: the server may close with our bytes unread.
        }
        return discarded;
    }

    /** Half-close: no more bytes from us (FIN), replies can still be read. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes with SO_LINGER 0, so the server sees a reset (RST) instead of an orderly close. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The underlying socket, for options this class does not wrap. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * The bytes the last {@link #readLineBytes} or {@link #readExactly} that failed (a timeout, a
     * close, a reset) had received before it failed, so a failure message can say what came.
     */
    public byte[] partialReply() {
        return partialReply.clone();
    }

    /** {@link #fill}, keeping {@code length} bytes of {@code reply} as the partial reply if it fails. */
    private boolean fillKeepingPartial(byte[] reply, int length) throws IOException {
        partialReply = Arrays.copyOf(reply, length);
        boolean filled = fill();
        if (filled) {
            partialReply = new byte[0];
        }
        return filled;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private static String preview(byte[] bytes, int length) {
        String text = new String(bytes, 0, Math.min(length, 80), StandardCharsets.UTF_8);
        return "\"" + text.replace("\r", "\\r").replace("\n", "\\n") + (length > 80 ? "...\"" : "\"");
    }
}
