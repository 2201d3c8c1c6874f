package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server out of file descriptors ({@code ulimit -n}) backs off instead of spinning, keeps
 * serving the clients it has, and accepts the waiting ones once descriptors are free again. By
 * default it does not get there: {@code --max-connections} defaults to the limit less a reserve,
 * and the server says so at start.
 */
abstract class DescriptorLimitRules extends ServerRules {

    @Test
    @Timeout(60)
    void defaultMaxConnectionsIsTheDescriptorLimitLessAReserveAndTheServerSaysSo() throws Exception {
        assumeLinuxWithUlimit();
        ForkedServer server = register(ForkedServer.startWithDescriptorLimit(
                factory().getClass().getName(), 256, List.of("--port", "0")));
        Eventually.await("the start line on stderr names the connection limit and why", Duration.ofSeconds(20),
                () -> server.stderr().contains("max connections 192 (descriptor limit 256 less 64 in reserve)"),
                server::stderr);
    }

    @Test
    @Timeout(60)
    void descriptorExhaustionNeitherSpinsNorStopsServingAndAcceptsAgainLater() throws Exception {
        assumeLinuxWithUlimit();
        // --max-connections beyond the limit on purpose: the default (the limit less a reserve)
        // would refuse politely before accept ever failed for want of a descriptor.
        ForkedServer server = register(ForkedServer.startWithDescriptorLimit(
                factory().getClass().getName(), 64, List.of("--port", "0", "--max-connections", "10000")));

        // Connect until a client is not answered: the server is then out of descriptors.
        List<TestClient> served = new ArrayList<>();
        List<TestClient> waiting = new ArrayList<>();
        for (int i = 0; i < 200 && waiting.isEmpty(); i++) {
            TestClient client = register(TestClient.connect(server.port(), Duration.ofMillis(1500)));
            client.send("ping-" + i + "\n");
            try {
                assertEquals("ping-" + i + SUFFIX, client.readLine());
                served.add(client);
            } catch (SocketTimeoutException e) {
                waiting.add(client);
            }
        }
        assertFalse(waiting.isEmpty(), "all 200 clients were served under ulimit -n 64; the limit did not apply");
        assertTrue(served.size() >= 5, "only " + served.size() + " clients served under ulimit -n 64; stderr: "
                + server.stderr());
        for (int i = 0; i < 2; i++) {
            TestClient client = register(TestClient.connect(server.port(), Duration.ofSeconds(15)));
            client.send("queued-" + i + "\n");
            waiting.add(client);
        }
        assertTrue(server.isAlive(), "server died when out of descriptors; stderr: " + server.stderr());

        Thread.sleep(300);
        Duration cpuBefore = server.cpuTime();
        long startNanos = System.nanoTime();
        Thread.sleep(1_000);
        Duration cpuUsed = server.cpuTime().minus(cpuBefore);
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(cpuUsed.compareTo(Duration.ofMillis(500)) < 0,
                "out of descriptors with clients queued, the server used " + cpuUsed + " CPU in " + wall
                        + ": it spins instead of backing off");

        for (int i = 0; i < served.size(); i++) {
            served.get(i).readTimeout(Duration.ofSeconds(5));
            roundTrip(served.get(i), "still served " + i);
        }

        int toClose = Math.min(served.size(), waiting.size() + 4);
        for (int i = 0; i < toClose; i++) {
            served.get(i).close();
        }
        for (int i = 0; i < waiting.size(); i++) {
            TestClient client = waiting.get(i);
            client.readTimeout(Duration.ofSeconds(15));
            String expected = (i == 0 ? "ping-" + served.size() : "queued-" + (i - 1)) + SUFFIX;
            assertEquals(expected, client.readLine(), "a waiting client is accepted once descriptors are free");
        }
        for (int i = toClose; i < served.size(); i++) {
            roundTrip(served.get(i), "served throughout " + i);
        }
        assertTrue(server.isAlive(), "stderr: " + server.stderr());
    }

    /** These rules fork the server under {@code sh -c 'ulimit -n N; ...'} and read {@code /proc}. */
    private static void assumeLinuxWithUlimit() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")) && Files.isExecutable(Path.of("/bin/sh")),
                "needs Linux /proc and sh for ulimit");
    }
}
