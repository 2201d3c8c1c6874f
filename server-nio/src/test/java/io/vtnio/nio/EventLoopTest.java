package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop as built per mode and {@code --work}, and a started loop's life: its thread, tasks from
 * other threads and from itself, timers, a handler that throws, and the shutdown. Sockets bind
 * port 0; nothing asserts how long anything took.
 */
@Timeout(30)
class EventLoopTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final ConnectionLimit limit = new ConnectionLimit(10);
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stopLoops() throws Exception {
        for (EventLoop loop : loops) {
            loop.execute(loop::shutdown);
            // Closing the selector frees a loop never started, and ends a running one in any case.
            loop.selector().close();
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private EventLoop loop(int index, String... args) throws IOException {
        ServerConfig config = ServerConfig.parse(args);
        ServerContext context = new ServerContext(config, metrics, limit, new BackPressure(config),
                config.echoReply(), null, config.work(), null, null);
        EventLoop loop = new EventLoop(index, context);
        loops.add(loop);
        return loop;
    }

    private EventLoop loop(String... args) throws IOException {
        return loop(0, args);
    }

    private EventLoop started() throws IOException {
        EventLoop loop = loop("--mode", "echo");
        loop.start();
        return loop;
    }

    // ---- what a loop is built with

    @Test
    void withoutWorkEchoRepliesStraightFromTheRead() throws IOException {
        EventLoop loop = loop("--mode", "echo");

        assertInstanceOf(Echo.class, loop.replies());
        assertSame(loop.replies(), loop.intake());
    }

    @Test
    void withWorkMessagesGoToTheWorkersFirst() throws IOException {
        EventLoop loop = loop("--mode", "echo", "--work", "sleep:1ms");

        assertInstanceOf(Echo.class, loop.replies(), "the replies once the work is done");
        assertInstanceOf(WorkIntake.class, loop.intake());
    }

    @Test
    void chatPublishesWhatItReads() throws IOException {
        EventLoop loop = loop("--mode", "chat");

        assertInstanceOf(ChatPublisher.class, loop.replies());
        assertSame(loop.replies(), loop.intake());
    }

    @Test
    void helloReadsNothingEvenWithWork() throws IOException {
        EventLoop loop = loop("--mode", "hello", "--work", "cpu:1");

        assertNull(loop.replies());
        assertNull(loop.intake());
    }

    @Test
    void theContextSaysWhetherThereIsWork() {
        ServerConfig none = ServerConfig.parse("--mode", "echo");
        ServerConfig cpu = ServerConfig.parse("--mode", "echo", "--work", "cpu:1");

        assertFalse(new ServerContext(none, null, null, null, null, null, none.work(), null, null).hasWork());
        assertTrue(new ServerContext(cpu, null, null, null, null, null, cpu.work(), null, null).hasWork());
    }

    // ---- a started loop

    @Test
    void aStartedLoopRunsOnItsOwnDaemonThreadUntilShutDown() throws Exception {
        EventLoop loop = loop(3, "--mode", "echo");
        try (CapturedLog log = CapturedLog.of(EventLoop.class)) {
            loop.start();

            Thread thread = loop.call(Thread::currentThread);

            assertEquals("nio-loop-3", thread.getName());
            assertTrue(thread.isDaemon(), "a loop must not keep the JVM alive");
            assertFalse(loop.awaitTermination(0, TimeUnit.SECONDS), "still running");
            loop.execute(loop::shutdown);
            assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS));
            thread.join(10_000);
            assertFalse(thread.isAlive());
            assertFalse(loop.selector().isOpen());
            assertTrue(log.records().isEmpty(), "an ordinary life logs nothing: " + log.records());
        }
    }

    @Test
    void tasksFromAnotherThreadWakeTheLoopAndRunInOrder() throws Exception {
        EventLoop loop = started();
        loop.call(() -> null); // the loop is now idle in select, or about to be
        List<Integer> ran = new ArrayList<>(); // touched on the loop thread only

        for (int i = 0; i < 100; i++) {
            int task = i;
            loop.execute(() -> ran.add(task));
        }

        assertEquals(IntStream.range(0, 100).boxed().toList(), loop.call(() -> List.copyOf(ran)));
    }

    @Test
    void aTaskQueuedOnTheLoopItselfRunsWithoutAWakeUp() throws Exception {
        EventLoop loop = started();
        CountDownLatch ran = new CountDownLatch(1);

        // Queued by a timer on the loop thread: no wake-up, so the next select must not block.
        loop.execute(() -> loop.timer().schedule(0, () -> loop.execute(ran::countDown)));

        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aTimerRunsOnTheLoopOnceDue() throws Exception {
        EventLoop loop = started();
        CountDownLatch fired = new CountDownLatch(1);
        Thread[] on = new Thread[1];

        loop.execute(() -> loop.timer().schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> {
            on[0] = Thread.currentThread();
            fired.countDown();
        }));

        assertTrue(fired.await(10, TimeUnit.SECONDS));
        assertSame(loop.call(Thread::currentThread), on[0]);
    }

    @Test
    void aFailingTaskIsLoggedAndTheLoopGoesOn() throws Exception {
        EventLoop loop = started();
        try (CapturedLog log = CapturedLog.of(EventLoop.class)) {
            IllegalStateException bug = new IllegalStateException("a task's bug");

            loop.execute(() -> {
                throw bug;
            });

            assertEquals("still running", loop.call(() -> "still running"));
            assertEquals(1, log.records().size());
            assertSame(bug, log.records().get(0).getThrown());
        }
    }

    @Test
    void callRethrowsWhatTheActionThrew() throws Exception {
        EventLoop loop = started();
        IOException io = new IOException("an action's I/O failure");
        IllegalStateException bug = new IllegalStateException("an action's bug");

        assertSame(io, assertThrows(IOException.class, () -> loop.call(() -> {
            throw io;
        })));
        assertSame(bug, assertThrows(IllegalStateException.class, () -> loop.call(() -> {
            throw bug;
        })));
        assertEquals(42, loop.call(() -> 42), "and goes on");
    }

    /** Counts its own readiness and close; throws from {@code onReady} if told to. */
    private static final class RecordingHandler implements ReadinessHandler {
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger ready = new AtomicInteger();
        final RuntimeException failure;
        final java.nio.channels.Channel channel;

        RecordingHandler(java.nio.channels.Channel channel, RuntimeException failure) {
            this.channel = channel;
            this.failure = failure;
        }

        @Override
        public void onReady(SelectionKey key) {
            ready.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void closeNow() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            closed.countDown();
        }
    }

    private SocketChannel[] socketPair() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closeables.add(listener);
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        closeables.add(client);
        SocketChannel accepted = listener.accept();
        closeables.add(accepted);
        accepted.configureBlocking(false);
        return new SocketChannel[] {client, accepted};
    }

    @Test
    void aHandlerThatThrowsIsLoggedAndClosed() throws Exception {
        EventLoop loop = started();
        SocketChannel[] pair = socketPair();
        IllegalStateException bug = new IllegalStateException("a handler's bug");
        RecordingHandler handler = new RecordingHandler(pair[1], bug);
        loop.call(() -> pair[1].register(loop.selector(), SelectionKey.OP_READ, handler));

        try (CapturedLog log = CapturedLog.of(EventLoop.class)) {
            pair[0].write(ByteBuffer.wrap(new byte[] {'x'}));

            assertTrue(handler.closed.await(10, TimeUnit.SECONDS));
            loop.call(() -> null); // this iteration is over
            assertEquals(1, handler.ready.get());
            assertEquals(1, log.records().size());
            assertSame(bug, log.records().get(0).getThrown());
        }
    }

    @Test
    void shutdownClosesEveryChannelAndConnection() throws Exception {
        EventLoop loop = started();
        SocketChannel[] connection = socketPair();
        SocketChannel[] other = socketPair();
        RecordingHandler handler = new RecordingHandler(other[1], null);
        assertTrue(limit.tryAdmit());
        loop.call(() -> {
            loop.register(connection[1]);
            return other[1].register(loop.selector(), 0, handler);
        });
        assertEquals(1, loop.call(() -> loop.connections().size()));

        loop.execute(loop::shutdown);

        assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(0, handler.closed.getCount(), "every key's handler is closed, not only connections");
        assertFalse(connection[1].isOpen());
        assertEquals(-1, connection[0].read(ByteBuffer.allocate(1)));
        assertEquals(1, metrics.snapshot("stats", "test").connectionsClosed());
        assertEquals(0, limit.admitted());
    }

    @Test
    void tasksStillQueuedAtShutdownRunBeforeTheLoopEnds() throws Exception {
        EventLoop loop = loop("--mode", "echo");
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger ranBeforeTheEnd = new AtomicInteger();
        // Queued before the thread starts, more than one iteration runs: the rest wait for the shutdown.
        loop.execute(loop::shutdown);
        for (int i = 0; i < 5000; i++) {
            loop.execute(() -> {
                ran.incrementAndGet();
                if (loop.selector().isOpen()) {
                    ranBeforeTheEnd.incrementAndGet();
                }
            });
        }

        loop.start();

        assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(5000, ran.get(), "a hand-off still queued would leak its channel");
        // EventLoop.MAX_TASKS_PER_ITERATION, the shutdown included: then ready sockets get their turn.
        assertEquals(4096 - 1, ranBeforeTheEnd.get());
    }
}
