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

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HelloLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void closedChurnChecksEveryGreetingAndCountsEveryConnect() throws Exception {
        Path json = dir.resolve("hello.json");
        try (TestServer server = TestServer.hello("hello")) {
            CommandRun run = CommandRun.of("load", "--mode", "hello", "--port", Integer.toString(server.port()),
                    "--connections", "4", "--duration", "1s", "--warmup", "200ms", "--json", json.toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals("hello", summary.get("mode").asText());
        assertEquals("closed", summary.get("model").asText());
        assertTrue(summary.get("requests").asLong() > 20, summary::toString);
    }

    @Test
    void openChurnConnectsAtTheAskedRate() throws Exception {
        Path json = dir.resolve("hello-open.json");
        try (TestServer server = TestServer.hello("hello")) {
            CommandRun run = CommandRun.of("load", "--mode", "hello", "--port", Integer.toString(server.port()),
                    "--rate", "200", "--duration", "2s", "--warmup", "200ms", "--json", json.toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        double throughput = JSON.readTree(json.toFile()).get("throughputPerSec").asDouble();
        assertTrue(throughput > 150 && throughput < 250, "connects a second " + throughput);
    }

    @Test
    void aWrongGreetingIsAnError() throws Exception {
        try (TestServer server = TestServer.hello("hi")) {
            CommandRun run = CommandRun.load(server, "--mode", "hello", "--connections", "2", "--duration", "500ms")
                    .assertExit(1);
            assertTrue(run.err().contains("greeting was 'hi'"), run::toString);
        }
    }

    @Test
    void theGreetingOptionMakesAnyGreetingRight() throws Exception {
        try (TestServer server = TestServer.hello("welcome")) {
            CommandRun.load(server, "--mode", "hello", "--greeting", "welcome", "--connections", "2", "--duration", "500ms")
                    .assertExit(0);
        }
    }

    @Test
    void refusedHelloConnectsNameTheAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CommandRun run = CommandRun.of("load", "--mode", "hello", "--port", Integer.toString(port),
                "--connections", "2", "--duration", "5s");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("127.0.0.1:" + port), run::toString);
    }
}
