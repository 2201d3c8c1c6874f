package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Echo} and its {@link MessageBatch} life over a real socket pair, without a running loop:
 * the loop is built but its thread never started, and the test thread plays the loop thread. A
 * tiny output buffer forces the paths where replies overflow it.
 */
@Timeout(30)
class EchoTest {

    private static final int OUTPUT_BYTES = 16;

    private final ServerMetrics metrics = new ServerMetrics();
    private final ServerConfig config = ServerConfig.parse("--mode", "echo", "--suffix", "!");
    private final ServerContext context = new ServerContext(config, metrics, new ConnectionLimit(10),
            new BackPressure(config), config.echoReply(), null, config.work(), null, null);
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel accepted;
    private EventLoop loop;
    private Connection connection;
    private Echo echo;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        accepted = listener.accept();
        accepted.configureBlocking(false);
        loop = new EventLoop(0, context);
        connection = new Connection(loop, accepted, context);
        SelectionKey key = accepted.register(loop.selector(), 0, connection);
        connection.start(key);
        echo = new Echo(ByteBuffer.allocate(OUTPUT_BYTES), config.echoReply());
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        accepted.close();
        loop.selector().close();
        listener.close();
    }

    private void batch(String... messages) throws IOException {
        echo.begin(connection);
        for (String message : messages) {
            byte[] bytes = ("<" + message + ">").getBytes(StandardCharsets.US_ASCII);
            // Offset past the brackets: the batch must use the slice, not the whole array.
            echo.onMessage(bytes, 1, bytes.length - 2);
        }
        assertEquals(messages.length, echo.messages());
        echo.end();
    }

    private String receive(int length) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (received.size() < length) {
            in.clear();
            int n = client.read(in);
            if (n < 0) {
                break;
            }
            received.write(in.array(), 0, n);
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    private void assertReceived(String expected) throws IOException {
        assertEquals(expected, receive(expected.length()));
        assertTrue(connection.outbound().isEmpty());
        assertEquals(expected.length(), metrics.snapshot("stats", "test").bytesOut());
    }

    @Test
    void aBatchThatFitsIsAnsweredInOrder() throws IOException {
        batch("a", "bb", "ccc");

        assertReceived("a!\nbb!\nccc!\n");
        assertEquals(3, metrics.snapshot("stats", "test").messagesOut());
    }

    @Test
    void repliesOverflowingTheOutputBufferKeepTheirOrder() throws IOException {
        // Each reply is 7 bytes: two fit in the 16-byte buffer, the third overflows it into the queue.
        batch("one..", "two..", "three", "four.", "five.");

        assertReceived("one..!\ntwo..!\nthree!\nfour.!\nfive.!\n");
        assertEquals(5, metrics.snapshot("stats", "test").messagesOut());
    }

    @Test
    void aReplyLargerThanTheOutputBufferKeepsItsPlace() throws IOException {
        String big = "x".repeat(3 * OUTPUT_BYTES);

        batch("a", big, "b");

        assertReceived("a!\n" + big + "!\nb!\n");
    }

    @Test
    void consecutiveBatchesReuseTheOutputBuffer() throws IOException {
        batch("first");
        batch("second");

        assertReceived("first!\nsecond!\n");
        assertEquals(2, metrics.snapshot("stats", "test").messagesOut());
    }

    @Test
    void aNewBatchDropsWhatAnUnfinishedOneLeftInTheOutputBuffer() throws IOException {
        echo.begin(connection);
        byte[] stale = "stale".getBytes(StandardCharsets.US_ASCII);
        echo.onMessage(stale, 0, stale.length);
        // No end(): the batch failed half-way; the next one starts afresh.

        batch("fresh");

        assertReceived("fresh!\n");
        assertEquals(1, echo.messages());
    }

    @Test
    void aReplyThatExactlyFillsTheOutputBufferStaysInIt() throws IOException {
        echo.begin(connection);
        take("a"); // 3 bytes
        take("x".repeat(OUTPUT_BYTES - 3 - 2)); // the 13 bytes left, suffix and newline included

        assertTrue(connection.outbound().isEmpty(), "nothing is queued while the replies fit");
        echo.end();

        assertReceived("a!\n" + "x".repeat(OUTPUT_BYTES - 5) + "!\n");
    }

    @Test
    void aReplyOfExactlyTheBufferCapacityIsEncodedIntoTheBuffer() throws IOException {
        echo.begin(connection);
        take("a"); // 3 bytes
        take("y".repeat(OUTPUT_BYTES - 2)); // 16 bytes: no room left, but it fits an empty buffer

        assertEquals(3, connection.outbound().pendingBytes(), "only the replies before it are queued");
        echo.end();

        assertReceived("a!\n" + "y".repeat(OUTPUT_BYTES - 2) + "!\n");
    }

    private void take(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        echo.onMessage(bytes, 0, bytes.length);
    }
}
