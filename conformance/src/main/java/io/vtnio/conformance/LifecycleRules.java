package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * How connections and servers end (SPEC sections 1 and 2): a half-close, {@link Server#stop}
 * and SIGTERM each deliver every reply owed before closing, and a stop gives up on them only
 * after its drain timeout. SIGTERM is a graceful stop from the moment a port accepts, not only
 * once start-up has finished, and a graceful stop exits with 0. The half-close needs only a
 * connection: a {@link RemoteRule}, which {@code vtnio verify} also runs.
 */
abstract class LifecycleRules extends ServerRules {

    /** The rules of this family that run against any server ({@link RemoteRule}). */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("lifecycle", "halfCloseGetsEveryReplyThenEndOfStream", Needs.echo(), 10,
                    LifecycleRules::halfCloseGetsEveryReplyThenEndOfStream));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    static void halfCloseGetsEveryReplyThenEndOfStream(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("one\ntwo\nthree\nfour\nfive\n");
        client.shutdownOutput();
        for (String word : List.of("one", "two", "three", "four", "five")) {
            Expect.line(client, word + rule.suffix(), "a reply owed at the half-close");
        }
        client.assertEof();
    }

    @Test
    @Timeout(10)
    void halfCloseWaitsForWorkInFlight() throws Exception {
        TestClient client = connect(startServer("--work", "sleep:20ms"));
        client.send("one\ntwo\nthree\nfour\nfive\n");
        client.shutdownOutput();
        for (String word : List.of("one", "two", "three", "four", "five")) {
            assertEquals(word + SUFFIX, client.readLine());
        }
        client.assertEof();
    }

    @Test
    @Timeout(15)
    void stopClosesConnectionsAndStopsAccepting() throws Exception {
        Server server = startServer();
        int port = port(server);
        TestClient idle = connect(server);
        roundTrip(idle, "before stop");
        server.stop(Duration.ofSeconds(1));
        idle.assertEof();
        assertThrows(ConnectException.class, () -> TestClient.connect(port).close(),
                "a stopped server accepts nobody");
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    @Timeout(15)
    void stopSendsEveryOwedReplyBeforeClosing() throws Exception {
        Server server = startServer("--work", "sleep:100ms");
        TestClient client = connect(server);
        roundTrip(client, "accepted");
        client.send("a\nb\nc\n");
        Thread.sleep(50);
        Future<Void> stop;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            stop = executor.submit(() -> {
                server.stop(Duration.ofSeconds(5));
                return null;
            });
            for (String line : List.of("a", "b", "c")) {
                assertEquals(line + SUFFIX, client.readLine(), "a reply owed when stop began");
            }
            client.assertClosed();
            client.close(); // as a client does at end of stream: the server need not wait for it
            stop.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(15)
    void stopGivesUpOnOwedRepliesAfterTheDrainTimeout() throws Exception {
        Server server = startServer("--work", "sleep:8s");
        TestClient client = connect(server, Duration.ofSeconds(10));
        client.send("never answered\n");
        Thread.sleep(200);
        long startNanos = System.nanoTime();
        server.stop(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0,
                "stop with a 300 ms drain timeout took " + took + " waiting for 8 s of work");
        client.assertClosed();
    }

    @Test
    @Timeout(60)
    void sigtermDeliversEveryOwedReplyThenPrintsFinalStatsAndExits() throws Exception {
        ForkedServer server = fork(List.of("--work", "sleep:200ms"));
        int clientCount = 10;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(register(TestClient.connect(server.port(), Duration.ofSeconds(15))));
        }
        // One answered line each first, so every connection is accepted and reading.
        for (int i = 0; i < clientCount; i++) {
            clients.get(i).send("warm-" + i + "\n");
        }
        for (int i = 0; i < clientCount; i++) {
            assertEquals("warm-" + i + SUFFIX, clients.get(i).readLine());
        }
        for (int i = 0; i < clientCount; i++) {
            StringBuilder lines = new StringBuilder();
            for (int j = 0; j < 5; j++) {
                lines.append("owed-").append(i).append('-').append(j).append('\n');
            }
            clients.get(i).send(lines.toString());
        }
        Thread.sleep(150);
        server.terminate();

        for (int i = 0; i < clientCount; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals("owed-" + i + "-" + j + SUFFIX, clients.get(i).readLine(),
                        "client " + i + " reply " + j + " owed at SIGTERM; stderr: " + server.stderr());
            }
            clients.get(i).assertClosed();
            clients.get(i).close(); // as a client does at end of stream: the server need not wait for it
        }
        int exitCode = server.awaitExit(Duration.ofSeconds(15));
        List<String> stdout = server.stdoutLines();
        String last = stdout.get(stdout.size() - 1);
        assertTrue(last.startsWith("{"), "after SIGTERM the server prints its final stats line; exit code "
                + exitCode + ", stdout: " + stdout + ", stderr: " + server.stderr());
        JsonNode json = StatsLine.parse(last);
        assertEquals("final", json.get("type").asText(), "the last stdout line is the final stats: " + stdout);
        assertTrue(json.get("messagesOut").asLong() >= clientCount * 6L, last);
    }

    @Test
    @Timeout(60)
    void sigtermTheMomentThePortAcceptsAnswersEveryMessageReadAndExitsWithZero() throws Exception {
        // The drain has all the time a noisy machine may need; nothing below waits on a clock.
        ForkedServer server = fork(List.of("--work", "sleep:1ms", "--drain-timeout", "30s"));
        // The listening line is out, but the server's main thread may still be starting up
        // (describing itself, warning, starting stats): a signal now must be a graceful stop too.
        TestClient client = register(TestClient.connect(server.port(), Duration.ofSeconds(30)));
        int lineCount = 100;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < lineCount; i++) {
            lines.append("early-").append(i).append('\n');
        }
        client.send(lines.toString());
        // The first reply shows the connection accepted and reading: a connection still in the
        // kernel's accept queue, or bytes the server has not read, are owed nothing at a stop.
        assertEquals("early-0" + SUFFIX, client.readLine());
        server.terminate();

        int received = 1;
        byte[] reply;
        while ((reply = client.readLineBytesOrNullAtEof()) != null) {
            assertEquals("early-" + received + SUFFIX, new String(reply, StandardCharsets.UTF_8),
                    "replies in order, with no hole; stderr: " + server.stderr());
            received++;
        }
        client.close(); // as a client does at end of stream: the server need not wait for it
        int exitCode = server.awaitExit(Duration.ofSeconds(45));
        List<String> stdout = server.stdoutLines();
        String last = stdout.get(stdout.size() - 1);
        assertTrue(last.startsWith("{"), "a SIGTERM right after start still prints the final stats line; exit code "
                + exitCode + ", " + received + " replies, stdout: " + stdout + ", stderr: " + server.stderr());
        MetricsSnapshot stats = MetricsSnapshot.fromJson(last);
        assertEquals("final", stats.type(), last);
        assertEquals(0, exitCode, "a graceful stop exits with 0; stderr: " + server.stderr());
        assertEquals(stats.messagesIn(), stats.messagesOut(), "every message the server read was answered: " + last);
        assertEquals(stats.messagesIn(), received, "the client received a reply to every message the server read: "
                + last);
    }
}
