package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --wait-for-server}: a generator started before its server waits for it, and not forever. */
class WaitForServerTest {

    @Test
    @Timeout(30)
    void aServerThatListensLaterIsWaitedForAndLoaded() throws Exception {
        int port = freePort();
        CompletableFuture<TestServer> later = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(400);
                return TestServer.echoOnPort(port);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        CommandRun run = CommandRun.load(port, "--wait-for-server", "20s", "--connections", "4", "--duration", "300ms");
        try (TestServer server = later.get()) {
            run.assertExit(0);
            assertTrue(server.messages() > 0, "the run loaded the server that came up: " + run);
        }
    }

    @Test
    @Timeout(30)
    void noServerWithinTheTimeIsAnErrorNamingTheTarget() throws Exception {
        int port = freePort();
        long startNs = System.nanoTime();
        CommandRun run = CommandRun.load(port, "--wait-for-server", "300ms", "--duration", "1s").assertExit(1);
        assertTrue(run.err().contains("no server accepted a connection at 127.0.0.1:" + port + " within 300ms"),
                run::toString);
        assertTrue(System.nanoTime() - startNs < 5_000_000_000L, "gave up about when told");
    }

    @Test
    @Timeout(10)
    void aWaitOfNothingIsBadUsage() {
        CommandRun.load(9, "--wait-for-server", "0s").assertExit(2);
        CommandRun.load(9, "--wait-for-server", "soon").assertExit(2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
