package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import io.vtnio.core.Work;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decisions of {@link ConnectionPolicy}, kept the same way by every server: what
 * {@code messagesOut} counts, what idle means in a stop, that a stopping connection waits for a
 * slow client rather than for a quiet second, and how long a stop may take. Each of these once
 * differed between the servers. Where a timing matters, the rule injects a short one
 * ({@link ServerRules#startServer(ConnectionPolicy, String...)}), so it takes milliseconds.
 */
abstract class PolicyRules extends ServerRules {

    /** Idle after 300 ms, a forced stop waits 100 ms: short, but far above a loaded machine's pauses. */
    private static final ConnectionPolicy QUICK = new ConnectionPolicy(Duration.ofMillis(300), Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(300));

    private static final int REPLY_BYTES = ("m-00000" + SUFFIX + "\n").getBytes(StandardCharsets.UTF_8).length;

    @Test
    @Timeout(20)
    void messagesOutCountsRepliesTheKernelTookNotRepliesQueuedAndDroppedWithTheirConnection() throws Exception {
        Server server = startServer();
        TestClient client = register(TestClient.connectWithReceiveBuffer(port(server), 4096, Duration.ofSeconds(5)));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            lines.append("m-").append(String.valueOf(100_000 + i % 100_000).substring(1)).append('\n');
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.US_ASCII);
        try (ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor()) {
            sender.submit(() -> {
                client.send(bytes); // blocks once every buffer on the way is full; the reset ends it
                return null;
            });
            awaitNoProgress(server);
            client.reset();
        }
        Eventually.await("the reset connection is counted", Duration.ofSeconds(5),
                () -> snapshot(server).connectionsClosed() == 1, () -> snapshot(server).toJson());
        MetricsSnapshot s = snapshot(server);
        assertTrue(s.messagesOut() < s.messagesIn(), "the client never read: replies were still owed at the reset "
                + s.toJson());
        assertTrue(s.messagesOut() * REPLY_BYTES <= s.bytesOut(), "a reply counts once the kernel took all of it: "
                + s.messagesOut() + " replies of " + REPLY_BYTES + " bytes, but only " + s.bytesOut() + " bytes taken "
                + s.toJson());
    }

    @Test
    @Timeout(10)
    void anErrLineIsCountedAsAnErrorNotAsAReplyAndTheCountersMatchWhatTheClientReceived() throws Exception {
        Server server = startServer(QUICK, "--max-line", "8");
        TestClient client = connect(server);
        client.send("ok\n" + "y".repeat(20) + "\n");
        byte[] reply = client.readLineBytes();
        byte[] err = client.readLineBytes();
        assertEquals("ok" + SUFFIX, new String(reply, StandardCharsets.UTF_8));
        assertEquals("ERR line too long", new String(err, StandardCharsets.US_ASCII));
        client.assertEof();
        Eventually.await("the connection is closed after its linger", Duration.ofSeconds(5),
                () -> snapshot(server).connectionsClosed() == 1, () -> snapshot(server).toJson());
        MetricsSnapshot s = snapshot(server);
        assertEquals(1, s.messagesIn(), s.toJson());
        assertEquals(1, s.messagesOut(), "the echo reply, not the ERR line " + s.toJson());
        assertEquals(1, s.errors(), s.toJson());
        assertEquals(reply.length + err.length + 2, s.bytesOut(), "every byte the client received " + s.toJson());
    }

    @Test
    @Timeout(20)
    void aStoppingChatMemberStillBeingWrittenToIsNotIdleAndGetsEveryLineTheServerRead() throws Exception {
        Server server = startServer(QUICK, "--mode", "chat");
        List<TestClient> members = joinChat(server, 2);
        TestClient listener = members.get(0); // reads nothing until the end, sends nothing after joining
        TestClient publisher = members.get(1);
        publish(publisher, "before", QUICK.idle().multipliedBy(2), true); // the listener is blocked in a read all along
        try (ExecutorService stopper = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> stop = stopper.submit(() -> {
                server.stop(Duration.ofSeconds(10));
                return null;
            });
            publish(publisher, "during", Duration.ofMillis(100), false); // not read back: the stop ends its echo
            int received = 0;
            for (byte[] line = listener.readLineBytesOrNullAtEof(); line != null;
                    line = listener.readLineBytesOrNullAtEof()) {
                received++;
            }
            listener.close();
            publisher.close();
            stop.get(15, TimeUnit.SECONDS);
            MetricsSnapshot s = snapshot(server);
            assertEquals(s.messagesIn() - 1, received, "the listener joined first: every line the server read "
                    + "but its own join line (read as it joined) is its, then end of stream " + s.toJson());
        }
    }

    @Test
    @Timeout(20)
    void aClientStalledInAStopLongerThanAnyQuietPeriodStillGetsEveryReply() throws Exception {
        Server server = startServer();
        TestClient client = connect(server, Duration.ofSeconds(10));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            lines.append(String.format("m-%05d\n", i));
        }
        client.send(lines.toString());
        Eventually.await("the server read every line", Duration.ofSeconds(5),
                () -> snapshot(server).messagesIn() == 1_000, () -> snapshot(server).toJson());
        try (ExecutorService stopper = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> stop = stopper.submit(() -> {
                server.stop(Duration.ofSeconds(10));
                return null;
            });
            Thread.sleep(1_200); // stalled: neither reading nor sending, longer than a quiet second
            // Sending again, as a client that wakes up does: to a server that closed meanwhile, the first
            // line brings a reset back and the second fails, before a single reply was read.
            client.send("after the stop\n");
            Thread.sleep(100);
            client.send("and again\n");
            for (int i = 0; i < 1_000; i++) {
                Expect.line(client, String.format("m-%05d", i) + SUFFIX, "a reply owed when the stop began");
            }
            client.assertEof();
            client.close();
            stop.get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(20)
    void aStopReturnsWithinItsDrainTimeoutAndTheForcedStopWaitWhateverItsWorkDoes() throws Exception {
        // Work that ignores interrupts, about 1.5 s of CPU a message on this JVM: it outlasts the stop.
        Server server = startServer(QUICK, "--work", "cpu:" + cpuRoundsFor(Duration.ofMillis(1_500)));
        TestClient client = connect(server, Duration.ofSeconds(10));
        client.send("busy\n");
        Eventually.await("the server read the line", Duration.ofSeconds(5),
                () -> snapshot(server).bytesIn() == 5, () -> snapshot(server).toJson());
        Duration drain = Duration.ofMillis(200);
        long startNanos = System.nanoTime();
        server.stop(drain);
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration bound = drain.plus(QUICK.forcedStopWait()).plusMillis(600);
        assertTrue(took.compareTo(bound) <= 0, "stop took " + took + ": its drain timeout " + drain
                + ", then at most the policy's forced-stop wait " + QUICK.forcedStopWait() + " (and 600 ms of slack)");
        client.assertClosedDiscardingInput();
    }

    /** Rounds of {@code --work cpu:N} that take about {@code target} on this JVM, measured after a warm-up. */
    private static int cpuRoundsFor(Duration target) {
        Work probe = Work.parse("cpu:20000");
        byte[] message = "busy".getBytes(StandardCharsets.US_ASCII);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            probe.perform(message, 0, message.length);
            best = Math.min(best, System.nanoTime() - start);
        }
        return (int) Math.min(Integer.MAX_VALUE, 20_000L * target.toNanos() / Math.max(1, best));
    }

    /** Publishes a line every 20 ms for {@code during}, each read back by the publisher itself if {@code readBack}. */
    private static void publish(TestClient publisher, String prefix, Duration during, boolean readBack)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + during.toNanos();
        for (int i = 0; System.nanoTime() < until; i++) {
            String line = prefix + "-" + i;
            publisher.send(line + "\n");
            if (readBack) {
                Expect.line(publisher, line, "a chat line comes back to its sender too");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the server has read nothing new for 300 ms: its buffers and the client's are full. */
    private void awaitNoProgress(Server server) throws InterruptedException {
        long last = -1;
        long now = snapshot(server).messagesIn();
        while (now != last) {
            last = now;
            Thread.sleep(300);
            now = snapshot(server).messagesIn();
        }
    }
}
