package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Safe by default: a server binds loopback unless told otherwise and warns when told to bind every
 * interface; it refuses connections beyond {@code --max-connections} politely; and no client can
 * make it hold more than a bounded number of bytes, however much it sends without reading.
 */
abstract class SecurityRules extends ServerRules {

    /** Bytes a client offers while never reading: far more than the kernel's buffers can absorb. */
    private static final long OFFERED_BYTES_EACH = 48L << 20;

    @Test
    @Timeout(10)
    void serverBindsLoopbackOnlyUnlessTold() throws Exception {
        Server server = startServer();
        for (InetSocketAddress address : server.localAddresses()) {
            assertTrue(address.getAddress().isLoopbackAddress(), "bound to " + address + " by default");
        }
    }

    @Test
    @Timeout(60)
    void bindingAllInterfacesPrintsAWarningOnStderrAndTheDefaultDoesNot() throws Exception {
        ForkedServer loopback = fork(List.of());
        roundTrip(register(TestClient.connect(loopback.port())), "on loopback");
        ForkedServer everywhere = fork(List.of("--host", "0.0.0.0"));
        roundTrip(register(TestClient.connect(everywhere.port())), "on every interface");
        Eventually.await("the all-interfaces warning", Duration.ofSeconds(10),
                () -> everywhere.stderr().contains("WARNING: listening on all interfaces"), everywhere::stderr);
        assertFalse(loopback.stderr().contains("WARNING"), "no warning on loopback: " + loopback.stderr());
        assertEquals("listening 0.0.0.0:" + everywhere.port(), everywhere.stdoutLines().get(0),
                "the address as given, not the IPv6 wildcard a dual-stack socket would report");
    }

    @Test
    @Timeout(30)
    void connectionsBeyondMaxConnectionsAreRefusedPolitelyWhileTheOthersAreServed() throws Exception {
        Server server = startServer("--max-connections", "3");
        List<TestClient> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestClient client = connect(server);
            roundTrip(client, "admitted-" + i);
            admitted.add(client);
        }

        TestClient fourth = connect(server);
        assertEquals("ERR too many connections", fourth.readLine(), "the connection beyond the limit is told why");
        fourth.assertEof();
        TestClient eager = connect(server);
        eager.send("a line sent before reading\n");
        assertEquals("ERR too many connections", eager.readLine(), "also when it sends first");
        eager.assertEof();

        for (int i = 0; i < 3; i++) {
            roundTrip(admitted.get(i), "still served-" + i);
        }
        MetricsSnapshot s = snapshot(server);
        assertEquals(2, s.connectionsRefused(), s.toJson());
        assertEquals(3, s.connectionsAccepted(), "refused connections are not counted as accepted: " + s.toJson());
        assertEquals(3, s.connectionsOpen(), s.toJson());

        admitted.get(0).close();
        Eventually.await("the closed connection frees its place", Duration.ofSeconds(5),
                () -> server.metrics().connectionsOpen() == 2, () -> snapshot(server).toJson());
        roundTrip(connect(server), "admitted once a place is free");
        assertEquals(2, snapshot(server).connectionsRefused(), snapshot(server).toJson());
    }

    /**
     * Eight clients each try to send 48 MiB of lines and never read a byte. The server must stop
     * taking bytes off their sockets once its bounded buffers are full: what it holds itself, the
     * bytes it read minus the bytes it handed back to the kernel, stays under 1 MiB per connection
     * (echo's read pause, the pending-work limit, chat's outbound limit), and the writers stall.
     * This is the server's own accounting, not the heap gauge: the heap of a test JVM also holds
     * the clients, so only the accounting can be trusted to the byte.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--mode echo", "--mode echo --work sleep:1ms", "--mode chat"})
    @Timeout(90)
    void clientsThatSendWithoutEverReadingCannotMakeTheServerHoldMoreThanABoundedAmount(String flags)
            throws Exception {
        Server server = startServer(flags.split(" "));
        boolean chat = flags.contains("chat");
        // Chat: one client, so every line goes back to its sender only and out-bytes equal in-bytes.
        int clientCount = chat ? 1 : 8;
        String line = "y".repeat(99) + "\n";
        long lineBytes = line.length();
        long replyBytes = chat ? lineBytes : lineBytes + utf8(SUFFIX).length;
        byte[] chunk = line.repeat(640).getBytes(StandardCharsets.US_ASCII);
        long perConnectionBound = 1L << 20;

        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(register(TestClient.connectWithReceiveBuffer(port(server), 8192, Duration.ofSeconds(10))));
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> writers = new ArrayList<>();
            for (TestClient client : clients) {
                writers.add(executor.submit(() -> {
                    long written = 0;
                    try {
                        while (written < OFFERED_BYTES_EACH) {
                            client.send(chunk);
                            written += chunk.length;
                        }
                    } catch (IOException closedAtTheEnd) {
                        // The test closes the clients once it has seen enough.
                    }
                    return written;
                }));
            }

            long maxHeld = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                MetricsSnapshot s = snapshot(server);
                long handedBack = s.bytesOut() / replyBytes * lineBytes;
                maxHeld = Math.max(maxHeld, s.bytesIn() - handedBack);
                Thread.sleep(20);
            }
            MetricsSnapshot s = snapshot(server);
            assertTrue(maxHeld <= clientCount * perConnectionBound, "the server held up to " + maxHeld
                    + " bytes read but not handed back, for " + clientCount + " clients that never read: "
                    + s.toJson());
            long offered = clientCount * OFFERED_BYTES_EACH;
            assertTrue(s.bytesIn() < offered / 2, "the server took " + s.bytesIn() + " of " + offered
                    + " bytes offered by clients that never read: " + s.toJson());
            for (Future<Long> writer : writers) {
                assertFalse(writer.isDone(), "a client that never reads could write all it offered");
            }
            for (TestClient client : clients) {
                client.reset();
            }
            Concurrently.awaitAll(writers);
        }
        Eventually.await("the server lets go of every connection", Duration.ofSeconds(20),
                () -> server.metrics().connectionsOpen() == 0, () -> snapshot(server).toJson());
        roundTripInMode(server, chat);
    }

    private void roundTripInMode(Server server, boolean chat) throws Exception {
        TestClient fresh = connect(server);
        if (chat) {
            fresh.send("still chatting\n");
            assertEquals("still chatting", fresh.readLine());
        } else {
            roundTrip(fresh, "still serving");
        }
    }
}
