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
    void openChurnNeverHasMoreConnectsInFlightThanItsConnections() throws Exception {
        // A server that greets each connection only after 200 ms. Unbounded, 200 connects a second would pile up
        // about 40 at once; with --connections 3 at most 3 are, and the connects that fell due meanwhile start as
        // those end, their wait counted in their latency (from the scheduled time).
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostOpen = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        Path json = dir.resolve("hello-capped.json");
        try (ServerSocket slow = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        java.net.Socket socket = slow.accept();
                        accepted.incrementAndGet();
                        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        Thread.ofVirtual().start(() -> {
                            try (socket) {
                                Thread.sleep(200);
                                open.decrementAndGet();
                                socket.getOutputStream().write("hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            } catch (Exception e) {
                                // the client went away: nothing owed
                            }
                        });
                    }
                } catch (java.io.IOException e) {
                    // closed: the test is over
                }
            });
            CommandRun run = CommandRun.of("load", "--mode", "hello", "--port", Integer.toString(slow.getLocalPort()),
                    "--rate", "200", "--connections", "3", "--threads", "1", "--duration", "1s", "--warmup", "0s",
                    "--json", json.toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        assertTrue(mostOpen.get() <= 3, "at most 3 connects in flight, saw " + mostOpen.get());
        assertTrue(accepted.get() >= 6 && accepted.get() <= 25, "connects that reached the server: " + accepted.get());
        JsonNode latency = JSON.readTree(json.toFile()).get("latencyMicros");
        assertTrue(latency.get("max").asLong() > 400_000, "the connects that waited for a slot count their wait: "
                + latency);
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
