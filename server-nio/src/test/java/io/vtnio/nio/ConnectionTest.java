package io.vtnio.nio;

import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Protocol;
import io.vtnio.core.ReadPause;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link Connection} over real socket pairs on port 0, on a loop whose thread never starts: the
 * test hands the accepted end to {@link EventLoop#register} and plays the loop thread, selecting
 * and handing each ready key to its connection (and running timers where a test says so). Assertions are on what the client
 * receives, the interest ops of the key, and the counters; never on how long anything took.
 *
 * <p>Where a test wants the socket full without waiting for megabytes, the client's receive
 * buffer and the server's send buffer are made small.
 */
@Timeout(60)
class ConnectionTest {

    private static final long PAUSE = ReadPause.ECHO.pauseAtBytes();
    private static final long RESUME = ReadPause.ECHO.resumeAtBytes();
    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);
    /** The default policy with an idle period short enough for a test to wait it out. */
    private static final ConnectionPolicy POLICY = new ConnectionPolicy(ConnectionPolicy.DEFAULT.errorLinger(),
            Duration.ofMillis(200), ConnectionPolicy.DEFAULT.writerSettle(), ConnectionPolicy.DEFAULT.forcedStopWait(),
            ConnectionPolicy.DEFAULT.requestStall());
    /** Each line the floods send: a 6-digit number, filler and the newline. */
    private static final int LINE_BYTES = 1000;
    private static final String TOO_LONG = "ERR line too long\n";

    private final ServerMetrics metrics = new ServerMetrics();
    private final ConnectionLimit limit = new ConnectionLimit(10);
    private final List<SocketChannel> channels = new ArrayList<>();
    private ServerSocketChannel listener;
    private WorkerPool workers;
    private EventLoop loop;

    /** One client, the server's end of it, and the connection and key the loop gave that end. */
    private record Peer(SocketChannel client, SocketChannel accepted, Connection connection, SelectionKey key) {

        boolean reading() {
            return (key.interestOps() & OP_READ) != 0;
        }

        long owedBytes() {
            return connection.outbound().pendingBytes();
        }
    }

    @AfterEach
    void close() throws IOException, InterruptedException {
        if (workers != null) {
            workers.shutdownNow(TimeUnit.SECONDS.toNanos(1));
        }
        for (SocketChannel channel : channels) {
            channel.close();
        }
        if (loop != null) {
            loop.selector().close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private void start(String... args) throws IOException {
        ServerConfig config = ServerConfig.parse(args).withPolicy(POLICY);
        byte[] greeting = config.greeting();
        workers = new WorkerPool(1);
        ServerContext context = new ServerContext(config, metrics, limit, new BackPressure(config), config.echoReply(),
                Protocol.line(greeting, 0, greeting.length), config.work(), workers, null);
        loop = new EventLoop(0, context);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private Peer connect() throws IOException {
        return connect(false);
    }

    /** Connects a client and hands the accepted end to the loop as the acceptor does. */
    private Peer connect(boolean smallBuffers) throws IOException {
        SocketChannel client = SocketChannel.open();
        channels.add(client);
        if (smallBuffers) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        }
        client.connect(listener.getLocalAddress());
        SocketChannel accepted = listener.accept();
        channels.add(accepted);
        if (smallBuffers) {
            accepted.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        }
        accepted.configureBlocking(false);
        assertTrue(limit.tryAdmit());
        metrics.connectionAccepted();
        int before = loop.connections().size();
        loop.register(accepted);
        if (loop.connections().size() == before) {
            return new Peer(client, accepted, null, null); // closed already
        }
        Connection connection = loop.connections().get(before);
        return new Peer(client, accepted, connection, accepted.keyFor(loop.selector()));
    }

    private void dispatch(SelectionKey key) {
        if (key.isValid()) {
            ((ReadinessHandler) key.attachment()).onReady(key);
        }
    }

    /** Waits for ready keys and hands each to its connection: one iteration of the loop without tasks or timers. */
    private void step() throws IOException {
        loop.selector().select(this::dispatch, 10_000);
    }

    /** Hands over the keys ready now, or after a millisecond: for while the client is busy too. */
    private void serve() throws IOException {
        loop.selector().select(this::dispatch, 1);
    }

    private void stepUntil(BooleanSupplier done) throws IOException {
        while (!done.getAsBoolean()) {
            step();
        }
    }

    /** Runs the loop, its timers included, until {@code done}. */
    private void runLoopUntil(BooleanSupplier done) throws IOException {
        while (!done.getAsBoolean()) {
            long nanos = loop.timer().nanosUntilNext(System.nanoTime());
            loop.selector().select(this::dispatch, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1));
            loop.timer().runDue(System.nanoTime(), Runnable::run);
        }
    }

    private MetricsSnapshot counted() {
        return metrics.snapshot("stats", "test");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void send(Peer peer, String text) throws IOException {
        ByteBuffer bytes = ascii(text);
        while (bytes.hasRemaining()) {
            peer.client.write(bytes);
        }
    }

    /** The client sends {@code text} without reading while the loop serves it. */
    private void sendWhileServing(Peer peer, String text) throws IOException {
        peer.client.configureBlocking(false);
        ByteBuffer bytes = ascii(text);
        while (bytes.hasRemaining()) {
            peer.client.write(bytes);
            serve();
        }
        peer.client.configureBlocking(true);
    }

    /** The client reads until end of stream while the loop serves it; the connection may linger or close meanwhile. */
    private String receiveToEnd(Peer peer) throws IOException {
        return receive(peer, Integer.MAX_VALUE);
    }

    /** The client reads {@code length} bytes, or to end of stream, while the loop serves it. */
    private String receive(Peer peer, int length) throws IOException {
        boolean blocking = peer.client.isBlocking();
        peer.client.configureBlocking(false);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        while (received.size() < length) {
            in.clear().limit((int) Math.min(in.capacity(), length - (long) received.size()));
            int n = peer.client.read(in);
            if (n < 0) {
                break;
            }
            received.write(in.array(), 0, n);
            if (n == 0) {
                serve();
            }
        }
        peer.client.configureBlocking(blocking);
        return received.toString(StandardCharsets.US_ASCII);
    }

    /** {@code count} lines of {@link #LINE_BYTES}, numbered so that a lost or reordered reply shows. */
    private static String lines(int count) {
        StringBuilder lines = new StringBuilder(count * LINE_BYTES);
        for (int i = 0; i < count; i++) {
            lines.append(String.format("%06d", i)).append("x".repeat(LINE_BYTES - 7)).append('\n');
        }
        return lines.toString();
    }

    private static String echoed(String lines) {
        return lines.replace("\n", "!\n");
    }

    // ---- starting

    @Test
    void anEchoConnectionStartsReadingOnly() throws IOException {
        start("--mode", "echo");

        Peer peer = connect();

        assertEquals(OP_READ, peer.key.interestOps());
        assertTrue(peer.connection.acceptsOutput());
        assertFalse(peer.connection.isClosed());
        assertSame(loop, peer.connection.loop());
        assertNull(peer.connection.chat(), "chat's part only in chat mode");
        assertEquals(1, loop.connections().size());
    }

    @Test
    void aChatConnectionHasItsChatPart() throws IOException {
        start("--mode", "chat");

        Peer peer = connect();

        assertNotNull(peer.connection.chat());
        assertEquals(OP_READ, peer.key.interestOps());
    }

    @Test
    void helloSendsTheGreetingAndClosesWithoutReading() throws IOException {
        start("--mode", "hello", "--greeting", "hi there");

        Peer peer = connect();

        assertNull(peer.connection, "closed as soon as the socket took the greeting");
        assertEquals("hi there\n", receiveToEnd(peer));
        assertFalse(peer.accepted.isOpen());
        assertTrue(loop.connections().isEmpty());
        MetricsSnapshot counted = counted();
        assertEquals(1, counted.messagesOut());
        assertEquals(9, counted.bytesOut());
        assertEquals(1, counted.connectionsClosed());
        assertEquals(0, counted.errors());
        assertEquals(0, limit.admitted(), "its place is given back");
    }

    @Test
    void helloToAClientThatResetFailsAndIsCounted() throws IOException {
        start("--mode", "hello");
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        channels.add(client);
        SocketChannel accepted = listener.accept();
        channels.add(accepted);
        accepted.configureBlocking(false);
        client.setOption(StandardSocketOptions.SO_LINGER, 0);
        client.close(); // RST
        assertTrue(limit.tryAdmit());

        loop.register(accepted);

        assertTrue(loop.connections().isEmpty());
        assertFalse(accepted.isOpen());
        assertEquals(1, counted().errors(), "the greeting's write failed");
        assertEquals(1, counted().connectionsClosed());
        assertEquals(0, limit.admitted());
    }

    // ---- reading and answering

    @Test
    void eachReadIsAnsweredAndReadingGoesOn() throws IOException {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect();

        send(peer, "a\nbb\n");
        step();

        assertEquals("a!\nbb!\n", receive(peer, 7));
        assertEquals(OP_READ, peer.key.interestOps(), "all taken by the socket: no OP_WRITE");
        MetricsSnapshot counted = counted();
        assertEquals(2, counted.messagesIn());
        assertEquals(5, counted.bytesIn());
        assertEquals(2, counted.messagesOut());
        assertEquals(7, counted.bytesOut());
        assertEquals(0, counted.errors());

        send(peer, "ccc\n");
        step();

        assertEquals("ccc!\n", receive(peer, 5));
        assertEquals(3, counted().messagesIn());
    }

    @Test
    void aWakeUpWithNothingToReadChangesNothing() throws IOException {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect();
        send(peer, "a\n");
        step();
        assertEquals("a!\n", receive(peer, 3));

        peer.connection.onReady(peer.key); // still marked readable, but the read finds nothing

        assertFalse(peer.connection.isClosed());
        assertEquals(OP_READ, peer.key.interestOps());
        send(peer, "b\n");
        step();
        assertEquals("b!\n", receive(peer, 3));
    }

    @Test
    void aHalfCloseIsAnsweredThenClosed() throws IOException {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect();

        send(peer, "last\n");
        peer.client.shutdownOutput();
        stepUntil(peer.connection::isClosed);

        assertEquals("last!\n", receiveToEnd(peer));
        assertEquals(0, counted().errors());
        assertEquals(1, counted().connectionsClosed());
        assertTrue(loop.connections().isEmpty());
        assertEquals(-1, loop.timer().nanosUntilNext(System.nanoTime()), "nothing to linger for");
    }

    @Test
    void aResetOwingNothingIsOnlyAClose() throws IOException {
        start("--mode", "echo");
        Peer peer = connect();

        peer.client.setOption(StandardSocketOptions.SO_LINGER, 0);
        peer.client.close();
        stepUntil(peer.connection::isClosed);

        assertEquals(0, counted().errors(), "a client's reset with nothing owed is how load tools close (core ConnectionEnd)");
        assertEquals(1, counted().connectionsClosed());
        assertFalse(peer.accepted.isOpen());
        assertEquals(0, limit.admitted());
    }

    // ---- owing more than the client reads

    @Test
    void repliesTheClientDoesNotReadTurnOnOpWriteAndPauseReadingUntilTheResumeMark() throws IOException {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect(true);
        peer.client.configureBlocking(false);
        String lines = lines(2048);
        ByteBuffer toSend = ascii(lines);

        // The client only sends: replies fill the socket, then the queue, until reading pauses.
        while (peer.reading()) {
            assertTrue(peer.owedBytes() < PAUSE, "still reading with " + peer.owedBytes() + " owed");
            assertEquals(peer.connection.outbound().isEmpty() ? OP_READ : OP_READ | OP_WRITE, peer.key.interestOps());
            peer.client.write(toSend);
            serve();
        }
        assertTrue(peer.owedBytes() >= PAUSE, "paused with " + peer.owedBytes() + " owed");
        assertEquals(OP_WRITE, peer.key.interestOps());
        assertTrue(peer.connection.waitsForWritable());

        // Now it reads too: reading resumes only at the resume mark, and pauses again only at the pause mark.
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        String expected = echoed(lines);
        boolean paused = true;
        int resumes = 0;
        while (received.size() < expected.length()) {
            int n = peer.client.read(in.clear());
            received.write(in.array(), 0, n);
            peer.client.write(toSend);
            serve();
            if (paused && peer.reading()) {
                resumes++;
                assertTrue(peer.owedBytes() <= RESUME, "resumed with " + peer.owedBytes() + " owed");
            } else if (!paused && !peer.reading()) {
                assertTrue(peer.owedBytes() >= PAUSE, "paused again with " + peer.owedBytes() + " owed");
            } else if (paused) {
                assertTrue(peer.owedBytes() > RESUME, "still paused with " + peer.owedBytes() + " owed");
            }
            paused = !peer.reading();
        }

        assertTrue(resumes > 0);
        assertEquals(expected, received.toString(StandardCharsets.US_ASCII), "every reply, in order");
        assertEquals(OP_READ, peer.key.interestOps(), "nothing owed: reading, no OP_WRITE");
        assertTrue(peer.connection.outbound().isEmpty());
        assertEquals(2048, counted().messagesOut());
        assertEquals(expected.length(), counted().bytesOut());
    }

    @Test
    void aLineTooLongIsAnsweredWithErrThenTheConnectionLingers() throws IOException {
        start("--mode", "echo", "--suffix", "!", "--max-line", "8");
        Peer peer = connect();

        send(peer, "ok\n" + "y".repeat(20) + "\n");
        long before = System.nanoTime();
        step();
        long after = System.nanoTime();

        assertEquals("ok!\n" + TOO_LONG, receiveToEnd(peer), "the replies so far, ERR, then end of stream");
        assertEquals(1, counted().errors());
        assertFalse(peer.connection.isClosed(), "lingering: the client may still be sending");
        assertFalse(peer.connection.acceptsOutput());
        assertEquals(OP_READ, peer.key.interestOps(), "reads only to discard");
        long lingerNanos = POLICY.errorLinger().toNanos();
        long deadline = after + loop.timer().nanosUntilNext(after);
        assertTrue(deadline >= before + lingerNanos && deadline <= after + lingerNanos,
                "closes ERROR_LINGER after the ERR at the latest");

        send(peer, "more\n");
        step();
        peer.connection.onReady(peer.key); // readable again, nothing there
        assertFalse(peer.connection.isClosed(), "input is discarded, not answered");

        peer.client.shutdownOutput();
        stepUntil(peer.connection::isClosed);

        assertEquals(1, counted().errors());
        assertEquals(1, counted().connectionsClosed());
        assertEquals(-1, loop.timer().nanosUntilNext(System.nanoTime()), "closing cancels the linger deadline");
    }

    @Test
    void aLingeringConnectionClosesAtItsDeadlineAndHasNoOtherTimer() throws IOException {
        start("--mode", "echo", "--max-line", "8");
        Peer peer = connect();
        send(peer, "y".repeat(20) + "\n");
        step();
        assertEquals(TOO_LONG, receiveToEnd(peer));

        List<Runnable> due = new ArrayList<>();
        loop.timer().runDue(System.nanoTime() + HOUR_NANOS, due::add);
        assertEquals(1, due.size(), "the deadline only: ERROR_LINGER is also the quiet period");
        due.get(0).run();

        assertTrue(peer.connection.isClosed(), "the client never closed, the deadline did");
        assertEquals(1, counted().errors(), "a lingering connection closing is no new fault");
        assertEquals(1, counted().connectionsClosed());
    }

    @Test
    void aFailureOfALingeringConnectionIsNotCountedAgain() throws IOException {
        start("--mode", "echo", "--max-line", "8");
        Peer peer = connect();
        send(peer, "y".repeat(20) + "\n");
        step();

        peer.connection.fail(new IOException("reset while lingering"));

        assertTrue(peer.connection.isClosed());
        assertEquals(1, counted().errors(), "only the line too long");
    }

    // ---- the other ways out

    @Test
    void aFailureClosesAndIsCountedOnce() throws IOException {
        start("--mode", "echo");
        Peer peer = connect();

        peer.connection.fail(new IOException("broken pipe"));
        peer.connection.fail(new IOException("again"));

        assertTrue(peer.connection.isClosed());
        assertFalse(peer.connection.acceptsOutput());
        assertFalse(peer.key.isValid());
        assertEquals(1, counted().errors());
        assertEquals(1, counted().connectionsClosed());
        assertTrue(loop.connections().isEmpty());
        assertEquals("", receiveToEnd(peer));
    }

    @Test
    void onlyAnUnexpectedFailureIsLogged() throws IOException {
        start("--mode", "echo");
        Peer first = connect();
        Peer second = connect();
        try (CapturedLog log = CapturedLog.of(Connection.class)) {
            first.connection.fail(new IOException("an ordinary reset"));
            assertTrue(log.records().isEmpty());

            IllegalStateException bug = new IllegalStateException("a bug");
            second.connection.fail(bug);
            assertEquals(1, log.records().size());
            assertSame(bug, log.records().get(0).getThrown());
        }
        assertEquals(2, counted().errors());
    }

    @Test
    void aSlowConsumerIsCountedAsSuchOnceAndClosed() throws IOException {
        start("--mode", "echo");
        Peer peer = connect();

        peer.connection.dropSlowConsumer();
        peer.connection.dropSlowConsumer();

        assertTrue(peer.connection.isClosed());
        assertEquals(1, counted().slowConsumerDrops());
        assertEquals(0, counted().errors());
        assertEquals(1, counted().connectionsClosed());
    }

    @Test
    void closingForgetsWhatWasOwed() throws IOException {
        start("--mode", "echo");
        Peer peer = connect(true);
        sendWhileServing(peer, lines(100));
        assertTrue(peer.owedBytes() > 0, "replies beyond the small socket buffers");

        peer.connection.closeNow();

        assertTrue(peer.connection.outbound().isEmpty());
        assertEquals(0, peer.owedBytes());
    }

    @Test
    void closeNowClosesOnce() throws IOException {
        start("--mode", "echo");
        Peer peer = connect();

        peer.connection.closeNow();
        peer.connection.closeNow();

        assertTrue(peer.connection.isClosed());
        assertFalse(peer.accepted.isOpen());
        assertEquals(1, counted().connectionsClosed());
        assertEquals(0, counted().errors());
        assertEquals(0, limit.admitted());
        assertTrue(peer.connection.outbound().isEmpty());
    }

    // ---- draining (a graceful stop)

    @Test
    void drainingABusyConnectionLingersAfterItsLastReplyUntilTheClientCloses() throws IOException {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect();
        send(peer, "a\n");
        step();

        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);

        assertEquals("a!\n", receiveToEnd(peer), "its replies, then end of stream");
        assertFalse(peer.connection.isClosed(), "it read recently: the client may still be sending");
        assertEquals(OP_READ, peer.key.interestOps());
        assertFalse(peer.connection.acceptsOutput());

        peer.client.shutdownOutput();
        stepUntil(peer.connection::isClosed);
        assertEquals(0, counted().errors());
        assertEquals(-1, loop.timer().nanosUntilNext(System.nanoTime()), "its deadline and quiet check are cancelled");
    }

    @Test
    void aStoppingConnectionLingersUntilItsClientHasBeenIdleForTheIdlePeriodNotAQuietSecond() throws Exception {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect();
        send(peer, "a\n");
        step();
        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);
        assertEquals("a!\n", receiveToEnd(peer), "its reply, then end of stream");

        long after = System.nanoTime();
        long idleNanos = POLICY.idle().toNanos();
        long check = loop.timer().nanosUntilNext(after);
        assertTrue(check > 0 && check <= idleNanos, "the next timer is the idle check, due within " + POLICY.idle());
        Thread.sleep(POLICY.idle().toMillis() / 2); // a client stalled for a while, less than the idle period
        send(peer, "late\n"); // discarded: it keeps the connection from being idle
        step();
        List<Runnable> due = new ArrayList<>();
        loop.timer().runDue(after + idleNanos, due::add);
        due.forEach(Runnable::run);
        assertFalse(peer.connection.isClosed(), "input came within the idle period: still lingering");

        runLoopUntil(peer.connection::isClosed);
        assertEquals(0, counted().errors());
    }

    @Test
    void drainingALingeringConnectionClosesIt() throws IOException {
        start("--mode", "echo", "--max-line", "8");
        Peer peer = connect();
        send(peer, "y".repeat(20) + "\n");
        step();
        assertFalse(peer.connection.isClosed());

        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);

        assertTrue(peer.connection.isClosed());
    }

    @Test
    void drainingAHalfClosedConnectionClosesOnceItsRepliesAreOut() throws IOException {
        start("--mode", "echo", "--suffix", "!");
        Peer peer = connect(true);
        String lines = lines(200); // replies far beyond the small socket buffers, short of the pause mark
        sendWhileServing(peer, lines);
        peer.client.shutdownOutput();
        stepUntil(() -> !peer.reading()); // everything and the end of stream read; replies still queued
        assertEquals(OP_WRITE, peer.key.interestOps());

        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);
        assertTrue(peer.connection.acceptsOutput(), "finishing: what it owes still goes out");

        assertEquals(echoed(lines), receiveToEnd(peer));
        assertTrue(peer.connection.isClosed(), "nothing more can arrive: no lingering");
        assertEquals(0, counted().errors());
    }

    @Test
    void drainingClosesIdleConnectionsAtOnceAndSignalsWhenTheLastHasClosed() throws Exception {
        start("--mode", "echo", "--suffix", "!");
        Peer idle = connect(); // never sends
        Peer answered = connect(); // answered long before the stop
        Peer partial = connect(); // sends part of a line just before the stop
        Peer slow = connect(true); // takes its last replies just before the stop
        Peer late = connect(); // sends just as the stop begins
        Peer lingering = connect(); // lingering already, and still sending
        Peer quiet = connect(); // lingering already, and quiet since
        send(answered, "x\n");
        stepUntil(() -> counted().messagesIn() == 1);
        String slowLines = lines(100);
        sendWhileServing(slow, slowLines);
        stepUntil(() -> counted().messagesIn() == 101); // all read; the replies wait for the client
        lingering.connection.beginDrain(System.nanoTime() + HOUR_NANOS);
        quiet.connection.beginDrain(System.nanoTime() + HOUR_NANOS);
        send(quiet, "dropped\n");
        step(); // read and dropped

        Thread.sleep(POLICY.idle().toMillis() + 100); // all idle from here on

        assertEquals(echoed(slowLines), receive(slow, echoed(slowLines).length()));
        long bytesIn = counted().bytesIn();
        send(partial, "no newline yet");
        stepUntil(() -> counted().bytesIn() == bytesIn + 14);
        answered.connection.onReady(answered.key); // a wake-up that reads nothing is no activity
        send(lingering, "more\n");
        step(); // read and dropped
        quiet.connection.onReady(quiet.key); // a wake-up that reads nothing is no input
        List<Runnable> due = new ArrayList<>();
        loop.timer().runDue(System.nanoTime(), due::add);
        assertEquals(2, due.size(), "the lingering ones' checks for the idle period");
        due.forEach(Runnable::run);
        assertFalse(lingering.connection.isClosed(), "it sent something a moment ago");
        assertTrue(quiet.connection.isClosed(), "idle: nothing arrived for the idle period");
        send(late, "late\n");
        loop.selector().select(10_000); // until it has arrived; nobody handles the key yet
        loop.selector().selectedKeys().clear();
        CountDownLatch drained = new CountDownLatch(1);

        loop.stopReading(System.nanoTime() + HOUR_NANOS);
        loop.settleDrain(drained);

        assertTrue(idle.connection.isClosed(), "idle: closed at once");
        assertTrue(answered.connection.isClosed(), "idle: closed at once");
        assertTrue(lingering.connection.isClosed(), "already lingering: closed at once");
        assertFalse(partial.connection.isClosed(), "read a moment ago: it lingers");
        assertFalse(slow.connection.isClosed(), "written a moment ago: it lingers");
        assertFalse(late.connection.isClosed(), "input waiting: it lingers");
        assertEquals(1, drained.getCount(), "connections left");
        assertEquals("", receiveToEnd(idle));
        assertEquals("x!\n", receiveToEnd(answered));

        // Run the loop, timers included, until the lingering ones have been idle for the idle period.
        runLoopUntil(() -> loop.connections().isEmpty());

        assertEquals(0, drained.getCount());
        assertEquals("", receiveToEnd(late), "input after the stop is not answered");
        assertEquals("", receiveToEnd(partial));
        assertEquals(0, counted().errors());
        assertEquals(7, counted().connectionsClosed());
    }

    @Test
    void aConnectionRegisteredWhileTheLoopDrainsDrainsAtOnce() throws IOException {
        start("--mode", "echo");
        CountDownLatch drained = new CountDownLatch(1);
        loop.stopReading(System.nanoTime() + HOUR_NANOS);
        loop.settleDrain(drained);
        assertEquals(0, drained.getCount(), "nothing to drain");

        Peer peer = connect();

        assertEquals("", receiveToEnd(peer), "end of stream at once");
        assertFalse(peer.connection.isClosed(), "fresh, so not idle: it lingers");
        assertEquals(OP_READ, peer.key.interestOps());
        assertFalse(peer.connection.acceptsOutput());
    }

    // ---- --work

    /** Takes the one worker thread, so that no message's work starts: they wait, in flight or queued. */
    private void occupyTheWorker() {
        CountDownLatch never = new CountDownLatch(1);
        workers.submit(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void bytesWaitingForWorkPauseReading() throws IOException {
        start("--mode", "echo", "--work", "sleep:1ms");
        occupyTheWorker();
        Peer peer = connect();
        peer.client.configureBlocking(false);
        ByteBuffer toSend = ascii(lines(1000));

        while (peer.reading()) {
            PendingWork work = peer.connection.pendingWork();
            assertTrue(work.waitingBytes() < PAUSE, "still reading with " + work.waitingBytes() + " waiting");
            peer.client.write(toSend);
            serve();
        }

        PendingWork work = peer.connection.pendingWork();
        assertSame(work, peer.connection.pendingWork());
        long read = counted().messagesIn();
        assertEquals(read - 1, work.waitingCount(), "one in flight, the rest waiting");
        assertEquals((read - 1) * (LINE_BYTES - 1), work.waitingBytes());
        assertTrue(work.waitingBytes() >= PAUSE);
        assertTrue(work.waitingCount() < ReadPause.MAX_WAITING_MESSAGES, "paused for the bytes, not the count");
        assertEquals(0, peer.key.interestOps(), "nothing owed to the socket yet");
        assertTrue(peer.connection.outbound().isEmpty());
    }

    @Test
    void messagesWaitingForWorkPauseReadingHoweverShort() throws IOException {
        start("--mode", "echo", "--work", "sleep:1ms");
        occupyTheWorker();
        Peer peer = connect();
        peer.client.configureBlocking(false);
        ByteBuffer toSend = ascii("m\n".repeat(4 * ReadPause.MAX_WAITING_MESSAGES));

        while (peer.reading()) {
            peer.client.write(toSend);
            serve();
        }

        PendingWork work = peer.connection.pendingWork();
        assertTrue(work.waitingCount() >= ReadPause.MAX_WAITING_MESSAGES);
        assertEquals(work.waitingCount(), work.waitingBytes(), "one byte per message");
    }

    @Test
    void drainingWaitsForWorkInProgress() throws IOException {
        start("--mode", "echo", "--work", "sleep:1ms");
        occupyTheWorker();
        Peer peer = connect();
        send(peer, "a\n");
        stepUntil(() -> counted().messagesIn() == 1);

        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);

        assertFalse(peer.connection.isClosed());
        assertEquals(0, peer.key.interestOps(), "no more reading, nothing to write yet");
        assertTrue(peer.connection.acceptsOutput(), "the reply is still to come");
        assertFalse(peer.connection.pendingWork().isIdle(), "in flight, though nothing waits");
        assertEquals(0, peer.connection.pendingWork().waitingCount());
    }

    @Test
    void drainingWaitsForWaitingWork() throws IOException {
        start("--mode", "echo", "--work", "sleep:1ms");
        occupyTheWorker();
        Peer peer = connect();
        send(peer, "a\nb\n");
        stepUntil(() -> counted().messagesIn() == 2);

        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);

        assertFalse(peer.connection.isClosed());
        assertEquals(0, peer.key.interestOps());
        assertEquals(1, peer.connection.pendingWork().waitingCount());
    }

    @Test
    void aConnectionWithAllItsWorkDoneDrainsLikeAnyOther() throws IOException {
        start("--mode", "echo", "--work", "sleep:1ms");
        Peer peer = connect();
        PendingWork work = peer.connection.pendingWork(); // as after its work is done: none in flight, none waiting
        assertTrue(work.isIdle());

        peer.connection.beginDrain(System.nanoTime() + HOUR_NANOS);

        assertEquals("", receiveToEnd(peer), "lingers at once: end of stream");
        assertEquals(OP_READ, peer.key.interestOps());
    }

    @Test
    void workAfterTheWorkersStoppedClosesTheConnection() throws Exception {
        start("--mode", "echo", "--work", "sleep:1ms");
        workers.shutdownNow(TimeUnit.SECONDS.toNanos(1)); // as after the drain timeout
        Peer peer = connect();

        send(peer, "a\n");
        stepUntil(peer.connection::isClosed);

        assertEquals("", receiveToEnd(peer));
        assertEquals(1, counted().connectionsClosed());
    }
}
