package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.core.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that stop reading: in chat mode one past {@code --max-outbound} is dropped while the
 * others receive everything; in echo mode it only delays itself and later gets every reply (a
 * {@link RemoteRule}, which {@code vtnio verify} also runs).
 */
abstract class SlowConsumerRules extends ServerRules {

    /** The rules of this family that run against any server ({@link RemoteRule}). */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("slow consumers", "echoClientThatDoesNotReadDelaysOnlyItselfAndGetsEveryReplyLater",
                    Needs.echo(), 30, SlowConsumerRules::echoClientThatDoesNotReadDelaysOnlyItselfAndGetsEveryReplyLater));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    @Test
    @Timeout(60)
    void chatDisconnectsAClientThatNeverReadsWhileTheOthersReceiveEverything() throws Exception {
        Server server = startServer("--mode", "chat", "--max-outbound", "64k");
        TestClient nonReader = register(TestClient.connectWithReceiveBuffer(port(server), 4096, Duration.ofSeconds(10)));
        nonReader.send("join-non-reader\n");
        assertEquals("join-non-reader", nonReader.readLine(), "a new chat client first hears its own line");
        // From here on the non-reader never reads again.

        List<TestClient> others = joinChat(server, 3);
        List<BackgroundReader> readers = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            readers.add(register(BackgroundReader.start("reader-" + i, others.get(i), line -> line.startsWith("p-"))));
        }
        TestClient publisher = others.get(0);

        // Batches of 32 KiB, each awaited by every reader before the next: a reader is never more
        // than half of --max-outbound behind, while the non-reader falls further behind each time.
        String padding = "x".repeat(1000);
        int sent = 0;
        long sentBytes = 0;
        long drops = 0;
        int batchesAfterDrop = 0;
        while (batchesAfterDrop < 3) {
            if (sentBytes > 32L << 20) {
                throw new AssertionError("published " + sentBytes + " bytes and the client that never reads was "
                        + "not dropped as a slow consumer (--max-outbound 64k); " + snapshot(server).toJson());
            }
            StringBuilder batch = new StringBuilder();
            for (int k = 0; k < 32; k++) {
                batch.append("p-").append(sent++).append('-').append(padding).append('\n');
            }
            publisher.send(batch.toString());
            sentBytes += batch.length();
            for (BackgroundReader reader : readers) {
                reader.awaitCount(sent, Duration.ofSeconds(10));
            }
            drops = snapshot(server).slowConsumerDrops();
            if (drops > 0) {
                batchesAfterDrop++;
            }
        }

        nonReader.assertClosedDiscardingInput();
        for (int r = 0; r < readers.size(); r++) {
            List<String> lines = readers.get(r).lines();
            assertEquals(sent, lines.size(), "reader " + r + " received every line exactly once");
            for (int k = 0; k < sent; k++) {
                String line = lines.get(k);
                if (!line.startsWith("p-" + k + "-")) {
                    throw new AssertionError("reader " + r + ": line " + k + " should be p-" + k + "-..., got "
                            + line.substring(0, Math.min(20, line.length())));
                }
            }
        }
        assertEquals(1, snapshot(server).slowConsumerDrops(), "only the client that never reads is dropped");
        Eventually.await("the dropped client is counted closed", Duration.ofSeconds(5),
                () -> server.metrics().connectionsOpen() == others.size(), () -> snapshot(server).toJson());
    }

    static void echoClientThatDoesNotReadDelaysOnlyItselfAndGetsEveryReplyLater(RuleContext rule) throws Exception {
        TestClient stalled = rule.connectWithReceiveBuffer(8192, Duration.ofSeconds(20));
        int lineCount = 200_000;
        // Write from a thread of its own: once the server rightly stops reading, writes block.
        Future<?> writer;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            writer = executor.submit((Callable<Void>) () -> {
                for (int i = 0; i < lineCount; i += 1_000) {
                    StringBuilder chunk = new StringBuilder();
                    for (int k = i; k < i + 1_000; k++) {
                        chunk.append("s-").append(k).append('\n');
                    }
                    stalled.send(chunk.toString());
                }
                return null;
            });
            Thread.sleep(300);
            TestClient other = rule.connect();
            for (int i = 0; i < 10; i++) {
                rule.roundTrip(other, "meanwhile-" + i);
            }
            for (int i = 0; i < lineCount; i++) {
                Expect.line(stalled, "s-" + i + rule.suffix(), "reply " + i + " to the client that paused reading");
            }
            writer.get(20, TimeUnit.SECONDS);
        }
        rule.roundTrip(stalled, "caught up");
    }
}
