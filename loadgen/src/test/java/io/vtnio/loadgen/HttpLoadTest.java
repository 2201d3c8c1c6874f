package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code load --mode http} against core's own HTTP exchange, served in-process, and against servers that misbehave. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpLoadTest {

    @TempDir
    Path dir;

    private JsonNode run(TestServer server, int expectedExit, String... more) throws Exception {
        Path json = dir.resolve("run.json");
        String[] args = Stream.concat(Stream.of("--mode", "http", "--connections", "4", "--duration", "1s",
                "--json", json.toString()), Arrays.stream(more)).toArray(String[]::new);
        CommandRun run = CommandRun.load(server, args).assertExit(expectedExit);
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertEquals("http", summary.get("mode").asText(), run::toString);
        return summary;
    }

    /** A response rewrite that replaces {@code from} by {@code to}. */
    private static UnaryOperator<byte[]> replacing(String from, String to) {
        return response -> new String(response, StandardCharsets.ISO_8859_1).replace(from, to)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--pipeline 8",
        "--method POST --path /echo --payload 100",
        "--method POST --path /echo --body hello --header X-Test:1 --header Content-Type:text/plain",
        "--method HEAD",
        "--path /missing --expect-status 404",
        "--rate 400",
    })
    void aCorrectServerGivesNoErrorsAndEveryResponseCounted(String options) throws Exception {
        try (TestServer server = TestServer.http()) {
            JsonNode summary = run(server, 0, options.split(" "));
            assertEquals(0, summary.get("errors").asLong(), summary::toString);
            long requests = summary.get("requests").asLong();
            assertTrue(requests > 0, summary::toString);
            assertEquals(server.messages(), requests, "every request the server answered was verified and counted");
        }
    }

    @Test
    void aWrongBodyIsAWrongReply() throws Exception {
        try (TestServer server = TestServer.http().rewritingResponses(replacing("World", "Wordl"))) {
            JsonNode summary = run(server, 1);
            assertTrue(summary.get("errorsByKind").get("wrongReply").asLong() >= 4, summary::toString);
            assertTrue(summary.get("errorMessages").toString().contains("Wordl"), summary::toString);
        }
    }

    @Test
    void aWrongEchoIsAWrongReply() throws Exception {
        UnaryOperator<byte[]> garble = response -> {
            byte[] copy = response.clone();
            copy[copy.length - 1] ^= 1;
            return copy;
        };
        try (TestServer server = TestServer.http().rewritingResponses(garble)) {
            JsonNode summary = run(server, 1, "--method", "POST", "--path", "/echo");
            assertTrue(summary.get("errorsByKind").get("wrongReply").asLong() >= 4, summary::toString);
        }
    }

    @Test
    void aWrongStatusIsCountedAsSuch() throws Exception {
        try (TestServer server = TestServer.http().rewritingResponses(replacing("200 OK", "503 Busy"))) {
            JsonNode summary = run(server, 1);
            assertTrue(summary.get("errorsByKind").get("wrongStatus").asLong() >= 4, summary::toString);
            assertEquals(summary.get("errors").asLong(), summary.get("errorsByKind").get("wrongStatus").asLong());
        }
    }

    @Test
    void aMalformedResponseIsCountedAsSuch() throws Exception {
        try (TestServer server = TestServer.http().rewritingResponses(replacing("Content-Length: 13",
                "Content-Length: 1x"))) {
            JsonNode summary = run(server, 1);
            assertTrue(summary.get("errorsByKind").get("malformedResponse").asLong() >= 4, summary::toString);
        }
    }

    @Test
    void aServerClosingUnaskedIsAClosedError() throws Exception {
        try (TestServer server = TestServer.httpClosingAfter(50)) {
            JsonNode summary = run(server, 1);
            assertTrue(summary.get("errorsByKind").get("closed").asLong() >= 4, summary::toString);
            assertTrue(summary.get("requests").asLong() >= 4 * 50, "the responses before the close count: " + summary);
        }
    }

    @Test
    void connectionCloseIsItsOwnKindAndTheConnectionReopens() throws Exception {
        try (TestServer server = TestServer.http()) {
            JsonNode summary = run(server, 1, "--header", "Connection: close");
            long closes = summary.get("errorsByKind").get("connectionClose").asLong();
            assertTrue(closes >= 8, "reopened and closed again: " + summary);
            assertEquals(closes, summary.get("errors").asLong(), summary::toString);
            assertTrue(summary.get("requests").asLong() >= closes, "each close came with a counted response");
        }
    }

    @Test
    void anEchoServerIsNamedAsAnotherMode() throws Exception {
        try (TestServer server = TestServer.echo("好")) {
            CommandRun run = CommandRun.load(server, "--mode", "http", "--connections", "2", "--duration", "5s")
                    .assertExit(1);
            assertTrue(run.err().contains("does not answer in HTTP"), run::toString);
        }
    }

    @Test
    void httpOptionsNeedHttpModeAndAValidRequest() {
        assertTrue(CommandRun.of("load", "--method", "POST").assertExit(2).err().contains("--mode http only"));
        assertTrue(CommandRun.of("load", "--mode", "http", "--header", "Content-Length: 3").assertExit(2).err()
                .contains("frames the body itself"));
        assertTrue(CommandRun.of("load", "--mode", "http", "--path", "/a b").assertExit(2).err().contains("--path"));
    }
}
