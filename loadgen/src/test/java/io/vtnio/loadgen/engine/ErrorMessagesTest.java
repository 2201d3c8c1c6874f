package io.vtnio.loadgen.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.loadgen.CommandRun;
import io.vtnio.loadgen.TestServer;
import io.vtnio.loadgen.result.LoadSummary;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every error kind counted comes with a message; a connection that connected never fails as a connect error. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ErrorMessagesTest {

    @TempDir
    Path dir;

    @Test
    void theFirstMessageOfEveryKindIsKeptPastThePrintLimit() {
        RunErrors errors = new RunErrors();
        for (int i = 0; i < RunErrors.MAX_MESSAGES + 5; i++) {
            errors.report(ErrorKind.CONNECT, "refused " + i);
        }
        errors.report(ErrorKind.INTERNAL, "loop 0 failed: boom");
        List<String> printed = errors.takeMessages();
        assertTrue(printed.contains("internal: loop 0 failed: boom"), printed::toString);
        assertFalse(printed.contains("connect: refused " + RunErrors.MAX_MESSAGES), printed::toString);
        Map<String, List<String>> byKind = errors.messagesByKind();
        assertEquals(List.of("refused 0", "refused 1", "refused 2"), byKind.get("connect"));
        assertEquals(List.of("loop 0 failed: boom"), byKind.get("internal"));
    }

    @Test
    void aConnectionResetAfterConnectingIsAResetWithItsMessageInTheSummaryAndTheJson() throws Exception {
        Path json = dir.resolve("reset.json");
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> resetAfterFirstBytes(listener));
            CommandRun run = CommandRun.load(listener.getLocalPort(), "--connections", "3", "--duration", "1s",
                    "--json", json.toString());
            acceptor.interrupt();
            run.assertExit(1);
            JsonNode summary = new ObjectMapper().readTree(json.toFile());
            JsonNode byKind = summary.get("errorsByKind");
            assertEquals(0, byKind.path("connect").asLong(), "they all connected: " + summary);
            assertTrue(byKind.path("reset").asLong() >= 3, summary::toString);
            JsonNode messages = summary.get("errorMessages");
            for (Iterator<String> kinds = byKind.fieldNames(); kinds.hasNext(); ) {
                String kind = kinds.next();
                assertTrue(messages.path(kind).size() >= 1, "a message for " + kind + ": " + summary);
            }
            assertTrue(messages.get("reset").get(0).asText().contains("reset"), summary::toString);
            assertTrue(run.out().contains("reset: connection "), "the summary table shows it:\n" + run);
        }
    }

    @Test
    void aRunWithoutErrorsWritesNoErrorMessagesField() throws Exception {
        Path json = dir.resolve("clean.json");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun.load(server, "--connections", "2", "--duration", "300ms", "--json", json.toString()).assertExit(0);
        }
        assertFalse(new ObjectMapper().readTree(json.toFile()).has("errorMessages"));
        assertEquals(null, LoadSummary.read(json).errorMessages());
    }

    /** Accepts, reads a little, then resets (SO_LINGER 0): the client had connected. */
    private static void resetAfterFirstBytes(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        InputStream in = socket.getInputStream();
                        in.read(new byte[64]);
                        socket.setSoLinger(true, 0);
                    } catch (Exception ignored) {
                        // The generator may be gone already.
                    }
                });
            } catch (Exception e) {
                return;
            }
        }
    }
}
