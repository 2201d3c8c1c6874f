package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile clients under load (SPEC section 2, "Faults"): a thousand connections reset mid-line,
 * chat readers too slow to keep up, slowloris clients dribbling a byte a second, and random binary
 * input. Each asserts what the well-behaved clients got: no error, every reply byte for byte and
 * in order, and no waiting for the hostile ones. Those needing no flags of the server's own are
 * {@link RemoteRule}s ({@link #FOR_ANY_SERVER}), which {@code vtnio verify} also runs.
 */
abstract class FaultRules extends ServerRules {

    /** The rules of this family that run against any server ({@link RemoteRule}). */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("faults", "thousandClientsResettingMidLineCauseNoErrorAmongAHundredVerifiedEchoClients",
                    Needs.echo(), 60, FaultRules::thousandClientsResettingMidLineCauseNoErrorAmongAHundredVerifiedEchoClients),
            RemoteRule.of("faults", "slowlorisClientsSendingAByteASecondNeverDelayTheOthers", Needs.echo(), 60,
                    FaultRules::slowlorisClientsSendingAByteASecondNeverDelayTheOthers),
            RemoteRule.of("faults", "randomBinaryInputOnAHundredConnectionsIsEchoedByteExact",
                    Needs.echo().linesUpTo(32 * 1024), 60,
                    FaultRules::randomBinaryInputOnAHundredConnectionsIsEchoedByteExact),
            RemoteRule.of("faults", "randomBinaryInputInRawFramingWithAnEmptySuffixComesBackByteExact",
                    Needs.rawEcho().suffix(""), 60,
                    FaultRules::randomBinaryInputInRawFramingWithAnEmptySuffixComesBackByteExact));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    static void thousandClientsResettingMidLineCauseNoErrorAmongAHundredVerifiedEchoClients(RuleContext rule)
            throws Exception {
        Supplier<MetricsSnapshot> metrics = rule.target().serverMetrics();
        long acceptedBefore = metrics == null ? 0 : metrics.get().connectionsAccepted();
        VerifiedEchoClients verified = rule.register(
                VerifiedEchoClients.start(rule.target().address(), 100, rule.suffix(), Duration.ofSeconds(20)));
        String manyLines = "pipelined line\n".repeat(500);

        // Platform threads: the verified clients and the in-process server keep this JVM's virtual
        // threads busy, and newly started virtual threads could wait for a carrier meanwhile.
        Concurrently.runOnPlatformThreads(1_000, 100, i -> {
            TestClient client = rule.connectUnregistered(Duration.ofSeconds(20));
            switch (i % 4) {
                case 0 -> client.send("half a li");
                case 1 -> client.send("a whole line and half of the ne");
                case 2 -> client.send(manyLines + "and a partial one");
                default -> { } // reset before sending anything
            }
            client.reset();
        });
        long roundTripsDuringResets = verified.roundTrips();
        verified.awaitRoundTrips(roundTripsDuringResets + 100 * 10L, Duration.ofSeconds(20));
        long roundTrips = verified.stop();

        assertTrue(roundTrips >= 100 * 10L, "verified round trips: " + roundTrips);
        verified.close();
        if (metrics != null) {
            // Accepted first: a server whose accept loop is behind shows no open connection meanwhile.
            Eventually.await("every connection is accepted and closed", Duration.ofSeconds(30),
                    () -> metrics.get().connectionsAccepted() - acceptedBefore >= 1_100
                            && metrics.get().connectionsOpen() == 0, rule::metricsJson);
        }
        rule.roundTrip(rule.connect(), "still serving");
    }

    @Test
    @Timeout(90)
    void slowChatReadersAreDroppedWhileAHundredOthersGetEveryLineInPerSenderOrder() throws Exception {
        Server server = startServer("--mode", "chat", "--max-outbound", "64k");
        int slowCount = 5;
        List<TestClient> slow = new ArrayList<>();
        for (int i = 0; i < slowCount; i++) {
            TestClient client = register(TestClient.connectWithReceiveBuffer(port(server), 4096, Duration.ofSeconds(20)));
            client.send("join-slow-" + i + "\n");
            assertEquals("join-slow-" + i, client.readLine(), "a new chat client first hears its own line");
            slow.add(client);
        }
        // From here on the slow readers never read again.

        // A hundred readers: every byte that fills the slow readers' kernel buffers (about 3 MB, as
        // the kernel grows them) reaches each of them, so the count sets this rule's cost.
        int readerCount = 100;
        List<TestClient> others = joinChat(server, readerCount);
        List<BackgroundReader> readers = new ArrayList<>();
        for (int i = 0; i < readerCount; i++) {
            readers.add(register(BackgroundReader.start("reader-" + i, others.get(i), line -> line.startsWith("s"))));
        }

        // Four publishers at once, in rounds; every reader is awaited after each round, so a
        // reader that keeps reading is never more than one round (32 KiB, half of --max-outbound)
        // behind. Large rounds: the slow readers are dropped only once the kernel's buffers
        // towards them are full too (megabytes), and each line costs a wake-up per member, which
        // is dear on platform threads.
        int publisherCount = 4;
        int linesPerRound = 8;
        String padding = "x".repeat(1000);
        int rounds = 0;
        int roundsAfterAllDropped = 0;
        long published = 0;
        try (ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (roundsAfterAllDropped < 3) {
                if (published > 64L << 20) {
                    throw new AssertionError("published " + published + " bytes and the readers that never read "
                            + "were not all dropped (--max-outbound 64k); " + snapshot(server).toJson());
                }
                int round = rounds++;
                List<Future<?>> sends = new ArrayList<>();
                for (int p = 0; p < publisherCount; p++) {
                    StringBuilder lines = new StringBuilder();
                    for (int k = 0; k < linesPerRound; k++) {
                        lines.append('s').append(p).append('-').append(round * linesPerRound + k)
                                .append('-').append(padding).append('\n');
                    }
                    TestClient publisher = others.get(p);
                    sends.add(publishers.submit(() -> {
                        publisher.send(lines.toString());
                        return null;
                    }));
                    published += lines.length();
                }
                Concurrently.awaitAll(sends);
                int expected = rounds * linesPerRound * publisherCount;
                for (BackgroundReader reader : readers) {
                    reader.awaitCount(expected, Duration.ofSeconds(20));
                }
                if (snapshot(server).slowConsumerDrops() >= slowCount) {
                    roundsAfterAllDropped++;
                }
            }
        }

        for (TestClient client : slow) {
            client.assertClosedDiscardingInput();
        }
        int linesEach = rounds * linesPerRound;
        List<String> firstOrder = readers.get(0).lines();
        for (int r = 0; r < readerCount; r++) {
            List<String> lines = readers.get(r).lines();
            assertEquals(linesEach * publisherCount, lines.size(), "reader " + r + " got every line exactly once");
            int[] next = new int[publisherCount];
            for (String line : lines) {
                String[] parts = line.split("-", 3);
                int sender = Integer.parseInt(parts[0].substring(1));
                int sequence = Integer.parseInt(parts[1]);
                if (sequence != next[sender]) {
                    throw new AssertionError("reader " + r + ": from publisher " + sender + " expected line "
                            + next[sender] + ", got " + sequence);
                }
                next[sender]++;
            }
            if (!lines.equals(firstOrder)) {
                throw new AssertionError("reader " + r + " saw the lines in another order than reader 0");
            }
        }
        assertEquals(slowCount, snapshot(server).slowConsumerDrops(),
                "exactly the readers that never read are dropped: " + snapshot(server).toJson());
    }

    static void slowlorisClientsSendingAByteASecondNeverDelayTheOthers(RuleContext rule) throws Exception {
        int slowlorisCount = 20;
        List<TestClient> slowloris = new ArrayList<>();
        for (int i = 0; i < slowlorisCount; i++) {
            slowloris.add(rule.connect(Duration.ofSeconds(20)));
        }
        String dribble = "slowloris never ends this line";
        AtomicBoolean othersDone = new AtomicBoolean();
        StringBuilder sent = new StringBuilder();
        Thread dribbler = Thread.ofVirtual().name("slowloris").start(() -> {
            try {
                for (int i = 0; i < dribble.length() && !othersDone.get(); i++) {
                    for (TestClient client : slowloris) {
                        client.send(dribble.substring(i, i + 1));
                    }
                    sent.append(dribble.charAt(i));
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException | IOException e) {
                // The rule ended early (its clients are closed); a failed send fails the final check.
            }
        });

        // While the slowloris clients are mid-line: 50 clients, 100 verified round trips each.
        long startNanos = System.nanoTime();
        boolean slowlorisStillMidLine;
        try {
            Concurrently.run(50, i -> {
                try (TestClient client = rule.connectUnregistered(Duration.ofSeconds(10))) {
                    for (int j = 0; j < 100; j++) {
                        rule.roundTrip(client, "other-" + i + "-" + j);
                    }
                }
            });
        } finally {
            slowlorisStillMidLine = dribbler.isAlive();
            othersDone.set(true);
            dribbler.join(Duration.ofSeconds(5));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

        assertTrue(slowlorisStillMidLine, "5,000 round trips of other clients took " + took
                + ", longer than the slowloris clients took to send " + dribble.length() + " bytes, a byte a second");
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "others' round trips took " + took);
        for (TestClient client : slowloris) {
            client.send("\n");
            Expect.line(client, sent + rule.suffix(), "the slowloris line is answered once complete");
        }
    }

    static void randomBinaryInputOnAHundredConnectionsIsEchoedByteExact(RuleContext rule) throws Exception {
        Supplier<MetricsSnapshot> metrics = rule.target().serverMetrics();
        long errorsBefore = metrics == null ? 0 : metrics.get().errors();
        byte[] suffix = rule.suffixBytes();
        Concurrently.run(100, i -> {
            Random random = new Random(0x5eed + i);
            byte[] input = new byte[32 * 1024];
            random.nextBytes(input);
            input[input.length - 1] = '\n'; // every message complete, so every one is answered
            byte[] expected = lineEchoOf(input, suffix);
            try (TestClient client = rule.connectUnregistered(Duration.ofSeconds(20))) {
                assertEchoedExactly(client, input, expected, random);
            }
        });
        if (metrics != null) {
            assertEquals(errorsBefore, metrics.get().errors(), "no errors: " + rule.metricsJson());
        }
    }

    static void randomBinaryInputInRawFramingWithAnEmptySuffixComesBackByteExact(RuleContext rule) throws Exception {
        Concurrently.run(100, i -> {
            Random random = new Random(0xbad5eed + i);
            byte[] input = new byte[32 * 1024];
            random.nextBytes(input);
            try (TestClient client = rule.connectUnregistered(Duration.ofSeconds(20))) {
                assertEchoedExactly(client, input, input, random);
                client.shutdownOutput();
                client.assertEof();
            }
        });
    }

    /**
     * Writes {@code input} in random chunks from a thread of its own (so neither side's buffers
     * can fill up and deadlock) while reading, and compares what comes back byte for byte.
     */
    private static void assertEchoedExactly(TestClient client, byte[] input, byte[] expected, Random random)
            throws Exception {
        int[] cuts = random.ints(64, 1, input.length).sorted().distinct().toArray();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = executor.submit(() -> {
                int from = 0;
                for (int i = 0; i <= cuts.length; i++) {
                    int to = i < cuts.length ? cuts[i] : input.length;
                    client.send(Arrays.copyOfRange(input, from, to));
                    from = to;
                }
                return null;
            });
            Expect.bytes(client, expected, "the echo of " + input.length + " random bytes");
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The echo SPEC section 1 asks for, written out independently of the servers' decoder: each
     * message up to {@code \n}, less one {@code \r} right before it, then the suffix and {@code \n}.
     */
    private static byte[] lineEchoOf(byte[] input, byte[] suffix) {
        ByteArrayOutputStream echo = new ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                echo.write(input, start, end - start);
                echo.writeBytes(suffix);
                echo.write('\n');
                start = i + 1;
            }
        }
        return echo.toByteArray();
    }
}
