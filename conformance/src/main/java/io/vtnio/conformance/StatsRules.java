package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a server reports about itself: the metrics count connections, messages, bytes and errors
 * exactly, and a forked server's stdout carries stats lines of JSON ending in the final one. A
 * client's reset (SO_LINGER 0, as load generators close) is an error only when the server still
 * owed that client something ({@link io.vtnio.core.ConnectionEnd}); each reset rule waits until the
 * server has read what was sent before resetting, and until the close is counted before asserting
 * (a server counts a connection's error before its close).
 */
abstract class StatsRules extends ServerRules {

    @Test
    @Timeout(10)
    void metricsCountConnectionsAndMessages() throws Exception {
        Server server = startServer();
        try (TestClient client = TestClient.connect(port(server))) {
            for (int i = 0; i < 10; i++) {
                roundTrip(client, "m-" + i);
            }
        }
        Eventually.await("the closed connection is counted", Duration.ofSeconds(5),
                () -> snapshot(server).connectionsClosed() == 1, () -> snapshot(server).toJson());
        MetricsSnapshot s = snapshot(server);
        assertEquals(1, s.connectionsAccepted(), s.toJson());
        assertEquals(0, s.connectionsOpen(), s.toJson());
        assertEquals(10, s.messagesIn(), s.toJson());
        assertEquals(10, s.messagesOut(), s.toJson());
        assertTrue(s.bytesIn() >= 10 * 3 && s.bytesIn() <= 10 * 4, "bytesIn between payload and wire bytes: " + s.toJson());
        assertTrue(s.bytesOut() >= 10 * 6 && s.bytesOut() <= 10 * 7, "bytesOut between payload and wire bytes: " + s.toJson());
        assertEquals(0, s.errors(), "an orderly close is no error: " + s.toJson());
        assertEquals(0, s.slowConsumerDrops(), s.toJson());
    }

    @Test
    @Timeout(20)
    void aResetAfterEveryReplyIsAClosedConnectionNotAnError() throws Exception {
        Server server = startServer();
        TestClient client = register(TestClient.connect(port(server)));
        int lines = 20;
        for (int i = 0; i < lines; i++) {
            roundTrip(client, "answered-" + i);
        }
        client.reset();
        assertEndedWith(server, 0, "a reset after every reply is a normal close");
    }

    @Test
    @Timeout(20)
    void aChatClientsResetAfterItsOwnLinesCameBackIsNoError() throws Exception {
        Server server = startServer("--mode", "chat");
        TestClient client = register(TestClient.connect(port(server)));
        for (int i = 0; i < 5; i++) {
            client.send("said-" + i + "\n");
            assertEquals("said-" + i, client.readLine(), "a chat client hears its own line");
        }
        client.reset();
        assertEndedWith(server, 0, "a chat member's reset with nothing queued for it is a normal close");
    }

    @Test
    @Timeout(20)
    void aHelloClientsResetAfterTheGreetingIsNoError() throws Exception {
        Server server = startServer("--mode", "hello");
        TestClient client = register(TestClient.connect(port(server)));
        assertEquals("hello", client.readLine(), "the greeting");
        client.reset();
        assertEndedWith(server, 0, "once the greeting is sent a reset is a normal close");
    }

    @Test
    @Timeout(20)
    void aResetWithAPartialLinePendingIsAnError() throws Exception {
        Server server = startServer();
        TestClient client = register(TestClient.connect(port(server)));
        roundTrip(client, "answered");
        String partial = "half a li";
        client.send(partial);
        long bytesIn = "answered\n".length() + partial.length();
        Eventually.await("the server reads the partial line", Duration.ofSeconds(10),
                () -> snapshot(server).bytesIn() == bytesIn, () -> snapshot(server).toJson());
        client.reset();
        assertEndedWith(server, 1, "a reset cutting a line short is an error");
    }

    @Test
    @Timeout(30)
    void aResetWhileAReplyIsOwedIsAnError() throws Exception {
        // Work long enough that the reset surely arrives while the message is being answered.
        Server server = startServer("--work", "sleep:3s");
        TestClient client = register(TestClient.connect(port(server)));
        client.send("owed\n");
        Eventually.await("the server reads the line", Duration.ofSeconds(10),
                () -> snapshot(server).bytesIn() == "owed\n".length(), () -> snapshot(server).toJson());
        client.reset();
        assertEndedWith(server, 1, "a reset while a reply is owed is an error");
    }

    /**
     * Waits until the one connection of the test is counted closed, then asserts its errors. A
     * server counts a connection's error before its close, so the count is final by then.
     */
    private void assertEndedWith(Server server, long errors, String why) throws InterruptedException {
        Eventually.await("the reset connection is counted closed", Duration.ofSeconds(15),
                () -> snapshot(server).connectionsClosed() == 1, () -> snapshot(server).toJson());
        MetricsSnapshot s = snapshot(server);
        assertEquals(1, s.connectionsAccepted(), s.toJson());
        assertEquals(0, s.connectionsOpen(), s.toJson());
        assertEquals(errors, s.errors(), why + ": " + s.toJson());
    }

    @Test
    @Timeout(30)
    void statsLinesAreJsonWithTheNamedFieldsAndTheLastIsFinal() throws Exception {
        ForkedServer server = fork(List.of("--port", "0", "--stats-interval", "100ms"));
        assertEquals(2, server.ports().size(), "the listening line names every port: " + server.stdoutLines());
        TestClient client = register(TestClient.connect(server.ports().get(1)));
        for (int i = 0; i < 3; i++) {
            roundTrip(client, "counted-" + i);
        }

        int statsLines = 0;
        MetricsSnapshot latest = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (statsLines < 3 || latest.messagesOut() < 3) {
            String line = server.nextStdoutLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertNotNull(line, "fewer stats lines than expected within 10 s at --stats-interval 100ms, or "
                    + "messages not counted; stdout: " + server.stdoutLines());
            JsonNode json = StatsLine.parse(line);
            assertEquals("stats", json.get("type").asText(), line);
            latest = MetricsSnapshot.fromJson(line);
            statsLines++;
        }
        assertEquals(3, latest.messagesIn(), latest.toJson());
        assertEquals(1, latest.connectionsOpen(), latest.toJson());
        assertTrue(latest.heapUsedBytes() > 0 && latest.liveThreads() > 0, latest.toJson());

        client.close();
        server.terminate();
        int exitCode = server.awaitExit(Duration.ofSeconds(15));
        List<String> stdout = server.stdoutLines();
        for (String line : stdout.subList(1, stdout.size())) {
            StatsLine.parse(line);
        }
        MetricsSnapshot last = MetricsSnapshot.fromJson(stdout.get(stdout.size() - 1));
        assertEquals("final", last.type(), "after SIGTERM the last stdout line is the final stats; exit code "
                + exitCode + ", stdout: " + stdout + ", stderr: " + server.stderr());
        assertEquals(3, last.messagesOut(), last.toJson());
    }
}
