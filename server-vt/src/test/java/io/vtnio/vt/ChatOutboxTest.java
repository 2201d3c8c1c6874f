package io.vtnio.vt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.conformance.Eventually;
import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.ReadPause;
import io.vtnio.core.ServerMetrics;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A chat member's outbox over a real socket pair on port 0: the server side is a {@link Connection}
 * (never given a session), the client side a plain socket the test reads.
 */
@Timeout(30)
class ChatOutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ServerMetrics metrics = new ServerMetrics();
    private final ConnectionLimit limit = new ConnectionLimit(10);
    private final LiveConnections live = new LiveConnections(connection -> {
        throw new AssertionError("no session in this test");
    }, metrics, limit, ConnectionPolicy.DEFAULT, ConnectionThreads.VIRTUAL);
    private final ThreadFactory writerThreads = ConnectionThreads.VIRTUAL.factory("chat-writer");
    private ServerSocket listener;
    private Socket client;
    private DataInputStream fromServer;
    private Connection connection;
    private Thread writer;

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        client.setSoTimeout((int) PATIENCE.toMillis());
        fromServer = new DataInputStream(client.getInputStream());
        assertTrue(limit.tryAdmit());
        metrics.connectionAccepted();
        connection = new Connection(listener.accept(), metrics, live);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        client.close();
        listener.close();
    }

    /**
     * A socket never connected, for counting the writer's writes: each write is recorded with its
     * length and the bytes owed when it was made (a batch is paid for only once written).
     */
    private static final class RecordingSocket extends Socket {
        final List<long[]> writes = new ArrayList<>();
        BackPressure owed;

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    throw new AssertionError("single-byte write");
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writes.add(new long[] {len, owed.owedBytes()});
                }
            };
        }
    }

    /** Offers {@code lines} to an outbox over a {@link RecordingSocket}, then lets its writer write them all. */
    private List<long[]> writesOf(byte[]... lines) throws Exception {
        RecordingSocket socket = new RecordingSocket();
        socket.owed = new BackPressure(ReadPause.forChat(1 << 20));
        assertTrue(limit.tryAdmit());
        Connection recorded = new Connection(socket, metrics, live);
        ChatOutbox outbox = new ChatOutbox(recorded, 1 << 20, socket.owed, metrics, writerThreads);
        for (byte[] line : lines) {
            assertTrue(outbox.offer(line));
        }
        outbox.start();
        outbox.finish();
        outbox.awaitWriter();
        recorded.close();
        return socket.writes;
    }

    private ChatOutbox outbox(long maxPendingBytes, BackPressure owed) {
        return new ChatOutbox(connection, maxPendingBytes, owed, metrics, task -> {
            writer = writerThreads.newThread(task);
            return writer;
        });
    }

    private ChatOutbox outbox(long maxPendingBytes) {
        return outbox(maxPendingBytes, new BackPressure(ReadPause.forChat(maxPendingBytes)));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private String receive(int length) throws IOException {
        byte[] bytes = new byte[length];
        fromServer.readFully(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private void awaitWriterParked() throws InterruptedException {
        Eventually.await("the writer parks", PATIENCE, () -> writer.getState() == Thread.State.WAITING,
                () -> "writer " + writer.getState());
    }

    private MetricsSnapshot counted() {
        return metrics.snapshot("stats", "test");
    }

    @Test
    void theWriterParksWhenEmptyAndWakesOnOffer() throws Exception {
        BackPressure owed = new BackPressure(ReadPause.forChat(1000));
        ChatOutbox outbox = outbox(1000, owed);
        outbox.start();
        awaitWriterParked();

        assertTrue(outbox.offer(ascii("hello\n")));
        assertEquals("hello\n", receive(6));

        awaitWriterParked();
        assertTrue(outbox.offer(ascii("again\n")));
        assertEquals("again\n", receive(6));

        Eventually.await("owed bytes paid once written", PATIENCE, () -> owed.owedBytes() == 0);
        outbox.finish();
        outbox.awaitWriter();
        assertEquals(2, counted().messagesOut());
        assertEquals(12, counted().bytesOut());
    }

    @Test
    void finishWritesWhatIsQueuedThenEndsTheWriter() throws Exception {
        ChatOutbox outbox = outbox(1000);
        assertTrue(outbox.offer(ascii("one\n")));
        assertTrue(outbox.offer(ascii("two\n")));
        assertTrue(outbox.offer(ascii("three\n")));

        outbox.start();
        outbox.finish();
        outbox.awaitWriter();

        assertFalse(writer.isAlive());
        assertEquals("one\ntwo\nthree\n", receive(14));
        assertEquals(3, counted().messagesOut());
        assertFalse(connection.isClosed(), "finishing is not closing: the session closes");
    }

    @Test
    void finishWakesAParkedWriterAndEndsIt() throws Exception {
        ChatOutbox outbox = outbox(1000);
        outbox.start();
        awaitWriterParked();

        outbox.finish();
        outbox.awaitWriter();

        assertFalse(writer.isAlive());
        assertEquals(0, counted().messagesOut());
    }

    @Test
    void anOfferBeyondMaxPendingDropsTheMemberAsASlowConsumer() throws Exception {
        // The writer is not started: nothing is written, as with a client that stopped reading.
        ChatOutbox outbox = outbox(10);
        assertTrue(outbox.offer(ascii("12345\n")));

        assertFalse(outbox.offer(ascii("67890\n")), "12 bytes owed, 10 allowed");

        assertTrue(connection.isClosed());
        assertEquals(1, counted().slowConsumerDrops());
        assertEquals(1, counted().connectionsClosed());
        assertEquals(0, counted().errors(), "a slow consumer is not a fault");
        assertEquals(0, limit.admitted(), "its place is given back");
        assertEquals(-1, fromServer.read(), "the client sees the connection end");
    }

    @Test
    void aDroppedMemberRefusesLaterOffersAndIsCountedOnce() {
        ChatOutbox outbox = outbox(10);
        assertFalse(outbox.offer(ascii("far too long a line\n")));

        assertFalse(outbox.offer(ascii("x\n")));
        assertFalse(outbox.offer(ascii("y\n")));

        assertEquals(1, counted().slowConsumerDrops());
        assertEquals(1, counted().connectionsClosed());
    }

    @Test
    void aDroppedMembersWriterEndsWithoutWriting() throws Exception {
        ChatOutbox outbox = outbox(10);
        outbox.start();
        awaitWriterParked();

        assertFalse(outbox.offer(ascii("far too long a line\n")));
        outbox.awaitWriter();

        assertFalse(writer.isAlive());
        assertEquals(0, counted().messagesOut());
        assertEquals(-1, fromServer.read());
    }

    @Test
    void aClosedConnectionIsOfferedNothingAndNotCountedAsSlow() {
        ChatOutbox outbox = outbox(1000);
        connection.close();

        assertFalse(outbox.offer(ascii("late\n")));

        assertEquals(0, counted().slowConsumerDrops());
    }

    @Test
    void theReaderWaitsWhileItsOutboxOwesPastThePauseMark() throws Exception {
        // --max-outbound 1000: reading pauses at 500 owed and resumes at 250.
        ChatOutbox outbox = outbox(1000);
        byte[] line = new byte[600];
        Arrays.fill(line, (byte) 'z');
        line[599] = '\n';
        assertTrue(outbox.offer(line));
        CountDownLatch readerWent = new CountDownLatch(1);
        startReaderThatWaits(outbox, readerWent);
        assertEquals(1, readerWent.getCount());

        outbox.start();

        assertArrayEquals(line, fromServer.readNBytes(600));
        assertTrue(readerWent.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the writer's progress lets it read");
        outbox.finish();
        outbox.awaitWriter();
    }

    @Test
    void anAbortedOutboxReleasesAWaitingReader() throws Exception {
        ChatOutbox outbox = outbox(1000);
        assertTrue(outbox.offer(new byte[600]));
        CountDownLatch readerWent = new CountDownLatch(1);
        startReaderThatWaits(outbox, readerWent);

        outbox.abort();

        assertTrue(readerWent.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void linesQueuedTogetherGoOutInOneWrite() throws Exception {
        List<long[]> writes = writesOf(ascii("one\n"), ascii("two\n"), ascii("three\n"));

        assertEquals(1, writes.size());
        assertEquals(14, writes.get(0)[0]);
    }

    @Test
    void aBatchStopsOnceItReachesTheFlushMark() throws Exception {
        int quarter = OutputBatch.FLUSH_AT_BYTES / 4;
        byte[] tail = new byte[100];
        List<long[]> writes = writesOf(new byte[quarter], new byte[quarter], new byte[quarter], new byte[quarter], tail);

        assertEquals(2, writes.size());
        assertEquals(OutputBatch.FLUSH_AT_BYTES, writes.get(0)[0]);
        assertEquals(OutputBatch.FLUSH_AT_BYTES + tail.length, writes.get(0)[1], "nothing paid before the first write");
        assertEquals(tail.length, writes.get(1)[0]);
        assertEquals(tail.length, writes.get(1)[1], "the first batch was paid before the next began");
    }

    @Test
    void anOfferOfExactlyMaxPendingIsAccepted() {
        ChatOutbox outbox = outbox(10);

        assertTrue(outbox.offer(ascii("123456789\n")), "10 bytes owed, 10 allowed");

        assertFalse(connection.isClosed());
        assertFalse(outbox.offer(ascii("\n")), "one byte more is too much");
        assertTrue(connection.isClosed());
    }

    /** Starts a member's reader on {@code outbox} and returns once it waits for room to read. */
    private static void startReaderThatWaits(ChatOutbox outbox, CountDownLatch readerWent) throws InterruptedException {
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outbox.awaitRoomToRead();
                readerWent.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Eventually.await("the reader waits", PATIENCE, () -> reader.getState() == Thread.State.WAITING);
    }
}
