package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients at once: a thousand held open, several loops, clients that reset or vanish
 * mid-line, and slow work that must neither reorder a connection's replies nor hold up accepting
 * new clients. Those needing no flags of the server's own are {@link RemoteRule}s
 * ({@link #FOR_ANY_SERVER}), which {@code vtnio verify} also runs.
 */
abstract class ConcurrencyRules extends ServerRules {

    /** The rules of this family that run against any server ({@link RemoteRule}). */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("concurrency", "thousandConcurrentClientsEachGetAHundredVerifiedRoundTrips", Needs.echo(), 60,
                    rule -> concurrentRoundTrips(rule, 1_000, 100)),
            RemoteRule.of("concurrency", "clientsThatResetOrVanishMidLineLeaveTheServerServing", Needs.echo(), 30,
                    ConcurrencyRules::clientsThatResetOrVanishMidLineLeaveTheServerServing));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    @Test
    @Timeout(30)
    void severalLoopsServeManyClientsEachInOrder() throws Exception {
        assumeTrue(factory().hasLoops(), factory().name() + " has no loops: --loops would change nothing");
        concurrentRoundTrips(context(startServer("--loops", "3", "--work", "cpu:5")), 300, 30);
    }

    static void clientsThatResetOrVanishMidLineLeaveTheServerServing(RuleContext rule) throws Exception {
        int clientCount = 200;
        String manyLines = "line\n".repeat(2_000);
        Concurrently.run(clientCount, i -> {
            TestClient client = rule.connectUnregistered(TestClient.DEFAULT_READ_TIMEOUT);
            switch (i % 4) {
                case 0 -> {
                    client.send("half a li");
                    client.reset();
                }
                case 1 -> {
                    client.send("a whole line whose reply meets a reset\n");
                    client.reset();
                }
                case 2 -> {
                    client.send("vanish mid-li");
                    client.close();
                }
                default -> {
                    client.send(manyLines);
                    client.reset();
                }
            }
        });

        TestClient fresh = rule.connect();
        rule.roundTrip(fresh, "still serving");
        fresh.close();
        Supplier<MetricsSnapshot> metrics = rule.target().serverMetrics();
        if (metrics != null) {
            Eventually.await("every connection is closed", Duration.ofSeconds(10),
                    () -> metrics.get().connectionsOpen() == 0, rule::metricsJson);
            assertTrue(metrics.get().connectionsAccepted() >= clientCount + 1, rule.metricsJson());
        }
        rule.roundTrip(rule.connect(), "and serving again");
    }

    @Test
    @Timeout(60)
    void slowWorkKeepsPerConnectionOrderWhileNewClientsAreStillAccepted() throws Exception {
        Server server = startServer("--work", "sleep:50ms");
        int clientCount = 200;
        int linesEach = 5;
        Duration patient = Duration.ofSeconds(30);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(connect(server, patient));
        }
        Eventually.await("200 clients accepted", Duration.ofSeconds(10),
                () -> server.metrics().connectionsAccepted() >= clientCount, () -> snapshot(server).toJson());
        for (int i = 0; i < clientCount; i++) {
            StringBuilder lines = new StringBuilder();
            for (int j = 0; j < linesEach; j++) {
                lines.append("c").append(i).append('-').append(j).append('\n');
            }
            clients.get(i).send(lines.toString());
        }

        // 1000 messages of 50 ms are now queued; a newcomer must not wait for them to be accepted.
        long acceptedBefore = server.metrics().connectionsAccepted();
        TestClient newcomer = connect(server, patient);
        Duration acceptDelay = Eventually.await("the newcomer is accepted", Duration.ofSeconds(10),
                () -> server.metrics().connectionsAccepted() > acceptedBefore, () -> snapshot(server).toJson());
        assertTrue(acceptDelay.compareTo(Duration.ofSeconds(1)) < 0,
                "accepting a new client took " + acceptDelay + " while work was queued");

        for (int i = 0; i < clientCount; i++) {
            for (int j = 0; j < linesEach; j++) {
                assertEquals("c" + i + "-" + j + SUFFIX, clients.get(i).readLine(), "client " + i + " reply " + j);
            }
        }
        roundTrip(newcomer, "newcomer");
    }

    /**
     * {@code clientCount} clients on virtual threads connect, wait until all are connected (and,
     * where the server's metrics can be read, until it holds them all open), then each does
     * {@code roundTrips} round trips, checking every reply.
     */
    private static void concurrentRoundTrips(RuleContext rule, int clientCount, int roundTrips) throws Exception {
        Supplier<MetricsSnapshot> metrics = rule.target().serverMetrics();
        long messagesBefore = metrics == null ? 0 : metrics.get().messagesOut();
        CountDownLatch connected = new CountDownLatch(clientCount);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                int id = i;
                results.add(clients.submit(() -> {
                    try (TestClient client = rule.connectUnregistered(Duration.ofSeconds(20))) {
                        connected.countDown();
                        go.await();
                        for (int j = 0; j < roundTrips; j++) {
                            String message = "c" + id + "-" + j;
                            client.send(message + "\n");
                            Expect.line(client, message + rule.suffix(), "client " + id + " reply " + j);
                        }
                    }
                    return null;
                }));
            }
            try {
                assertTrue(connected.await(30, TimeUnit.SECONDS), clientCount + " clients connect");
                if (metrics != null) {
                    Eventually.await("the server holds all " + clientCount + " clients open", Duration.ofSeconds(10),
                            () -> metrics.get().connectionsOpen() == clientCount, rule::metricsJson);
                }
            } finally {
                go.countDown();
            }
            Concurrently.awaitAll(results);
        }
        if (metrics != null) {
            Eventually.await("every client's round trips are counted", Duration.ofSeconds(5),
                    () -> metrics.get().messagesOut() - messagesBefore == (long) clientCount * roundTrips,
                    rule::metricsJson);
        }
    }
}
