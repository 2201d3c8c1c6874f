package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailureReportingTest {

    @TempDir
    Path dir;

    @Test
    void aWrongReplyIsAnErrorAndExitsOne() throws Exception {
        Path json = dir.resolve("wrong.json");
        try (TestServer server = TestServer.echo("!")) {
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "3",
                    "--duration", "1s", "--warmup", "0s", "--json", json.toString());
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.err().contains("wrongReply"), run::toString);
            assertTrue(run.err().contains("expected"), run::toString);
        }
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, summary.get("errors").asLong(), "one error per connection, each then closed");
        assertEquals(3, summary.get("errorsByKind").get("wrongReply").asLong());
    }

    @Test
    void theSuffixOptionMakesAnyServerATarget() throws Exception {
        try (TestServer server = TestServer.echo(" ok")) {
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--suffix= ok",
                    "--connections", "2", "--duration", "1s", "--warmup", "0s");
            assertEquals(0, run.exitCode(), run::toString);
        }
    }

    @Test
    void connectionRefusedNamesTheAddressAndExitsOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long startNs = System.nanoTime();
        CommandRun run = CommandRun.of("load", "--port", Integer.toString(port), "--connections", "5",
                "--duration", "10s");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("127.0.0.1:" + port), run::toString);
        assertTrue(run.err().contains("refused"), run::toString);
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(5), "gives up at once, not after --duration");
    }

    @Test
    void aServerClosingMidRunGivesCountedErrorsAndExitOne() throws Exception {
        Path json = dir.resolve("closed.json");
        try (TestServer server = TestServer.echoClosingAfter(200)) {
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "4",
                    "--duration", "2s", "--warmup", "0s", "--json", json.toString());
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.err().contains("closed by the server"), run::toString);
        }
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertEquals(4, summary.get("errorsByKind").get("closed").asLong());
        assertEquals(4 * 200, summary.get("requests").asLong(), "every reply before the close was counted");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        silent.accept();
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(silent.getLocalPort()),
                    "--connections", "2", "--duration", "1s", "--warmup", "0s", "--timeout", "300ms");
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.err().contains("timeout"), run::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--connections 0",
        "--rate -5",
        "--rate 100 --pipeline 4",
        "--mode bogus",
        "--duration 1x",
        "--port 70000",
        "--publishers 2",
        "--mode chat --publishers 200",
        "--processes 2 --shard 0/2",
        "--shard 3/2",
        "--no-such-option",
        "--payload 0",
        "--json /no/such/dir/x.json",
        "--hlog /no/such/dir/x.hlog",
    })
    void badOptionsExitTwoWithUsage(String options) {
        String[] args = ("load --port 1 " + options).split(" ");
        CommandRun run = CommandRun.of(args);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Usage: vtnio load"), run::toString);
    }

    @Test
    void mergeOfAMissingFileIsBadUsage() {
        CommandRun run = CommandRun.of("merge", dir.resolve("nothing.hlog").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no such file"), run::toString);
    }

    @Test
    void noSubcommandIsBadUsage() {
        assertEquals(2, CommandRun.of().exitCode());
    }
}
