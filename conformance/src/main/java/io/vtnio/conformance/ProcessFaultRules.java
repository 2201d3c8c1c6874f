package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vtnio.core.MetricsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults of the whole server process under load, on a forked server: running out of file
 * descriptors while verified clients are being served, and SIGTERM while many clients pipeline
 * as fast as they can. Nothing the server owes may be lost: the verified clients see no error,
 * and after SIGTERM every message the server read is answered, in order, before an orderly close.
 */
abstract class ProcessFaultRules extends ServerRules {

    @Test
    @Timeout(90)
    void outOfDescriptorsUnderLoadTheServerKeepsItsClientsAndAcceptsAgainOnceDescriptorsAreFree()
            throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")) && Files.isExecutable(Path.of("/bin/sh")),
                "needs Linux and sh for ulimit");
        // --max-connections beyond the limit on purpose, so accept runs out of descriptors (EMFILE)
        // instead of the default (the limit less a reserve) refusing connections politely first.
        ForkedServer server = register(ForkedServer.startWithDescriptorLimit(factory().getClass().getName(), 128,
                List.of("--port", "0", "--stats-interval", "50ms", "--max-connections", "10000")));
        VerifiedEchoClients verified = register(VerifiedEchoClients.start(server.port(), 16, SUFFIX,
                Duration.ofSeconds(20)));
        verified.awaitRoundTrips(16 * 20, Duration.ofSeconds(20));

        // Far more connections than descriptors left: the server accepts until EMFILE, the rest wait.
        List<TestClient> extras = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            TestClient extra = register(TestClient.connect(server.port(), Duration.ofSeconds(20)));
            extra.send("extra-" + i + "\n");
            extras.add(extra);
        }
        Eventually.await("the server runs out of descriptors (acceptFailures > 0 in its stats)",
                Duration.ofSeconds(20), () -> latestAcceptFailures(server) > 0,
                () -> "stdout: " + server.stdoutLines() + "; stderr: " + server.stderr());
        long beforeHold = verified.roundTrips();
        verified.awaitRoundTrips(beforeHold + 16 * 20, Duration.ofSeconds(20));
        Thread.sleep(500); // a few more back-off rounds while the verified clients keep going
        assertTrue(server.isAlive(), "server died when out of descriptors; stderr: " + server.stderr());

        for (TestClient extra : extras) {
            extra.close();
        }
        for (int i = 0; i < 10; i++) {
            TestClient newcomer = register(TestClient.connect(server.port(), Duration.ofSeconds(20)));
            roundTrip(newcomer, "accepted again " + i);
        }
        long roundTrips = verified.stop();
        assertTrue(roundTrips >= 16 * 40, "verified round trips: " + roundTrips);
        assertTrue(server.isAlive(), "stderr: " + server.stderr());
    }

    @Test
    @Timeout(90)
    void sigtermUnderLoadAnswersEveryMessageTheServerReadInOrderBeforeAnOrderlyClose() throws Exception {
        ForkedServer server = fork(List.of("--drain-timeout", "10s"));
        int clientCount = 32;
        List<PipeliningClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(register(new PipeliningClient(i,
                    register(TestClient.connect(server.port(), Duration.ofSeconds(30))))));
        }
        for (PipeliningClient client : clients) {
            client.start();
        }
        Eventually.await("every client has replies flowing", Duration.ofSeconds(20),
                () -> clients.stream().allMatch(client -> client.received() >= 200),
                () -> clients.stream().map(PipeliningClient::describeEnd).toList().toString());
        Thread.sleep(300);

        server.terminate();
        for (PipeliningClient client : clients) {
            client.awaitEnd(Duration.ofSeconds(30));
        }
        int exitCode = server.awaitExit(Duration.ofSeconds(30));
        List<String> stdout = server.stdoutLines();
        MetricsSnapshot last = MetricsSnapshot.fromJson(stdout.get(stdout.size() - 1));
        assertEquals("final", last.type(), "the last stdout line is the final stats; exit code " + exitCode
                + ", stderr: " + server.stderr());

        long received = 0;
        List<String> unorderly = new ArrayList<>();
        for (PipeliningClient client : clients) {
            if (!client.endedWithAnOrderlyClose()) {
                unorderly.add(client.describeEnd());
            }
            received += client.received();
        }
        assertTrue(unorderly.isEmpty(), "every client's stream should end with an orderly close at a line "
                + "boundary after in-order replies; these did not: " + unorderly + "; final stats " + last.toJson()
                + ", stderr: " + server.stderr());
        assertEquals(last.messagesIn(), last.messagesOut(),
                "every message the server read was answered: " + last.toJson());
        assertEquals(last.messagesIn(), received, "the clients received, in order and with no hole, a reply to "
                + "every message the server read: " + last.toJson());
        assertTrue(received >= clientCount * 200L, "the load was real: " + received + " replies");
    }

    /** {@code acceptFailures} of the forked server's latest stats line; 0 before the first. */
    private static long latestAcceptFailures(ForkedServer server) {
        List<String> stdout = server.stdoutLines();
        if (stdout.size() < 2) {
            return 0;
        }
        try {
            return MetricsSnapshot.fromJson(stdout.get(stdout.size() - 1)).acceptFailures();
        } catch (IOException e) {
            throw new AssertionError("not a stats line: " + stdout.get(stdout.size() - 1), e);
        }
    }

    /**
     * A client that writes numbered lines on one thread, keeping up to {@link #WINDOW}
     * unanswered, and reads the replies on another, checking each is the next one in order, until
     * the server ends the stream. The window keeps the backlog of replies a client still has to
     * read after the stop small, as a real pipelining client's would be; without it the kernel
     * buffers megabytes each way and reading them out takes longer than any drain timeout. Writes
     * failing once the server has stopped are expected.
     */
    private static final class PipeliningClient implements AutoCloseable {

        private static final int LINES_PER_WRITE = 64;
        private static final int WINDOW = 65_536;

        private final int id;
        private final TestClient client;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final Semaphore window = new Semaphore(WINDOW);
        private volatile long received;
        private volatile long sent;
        private volatile Throwable writerEndedBy;
        private volatile Throwable endedBy;
        private volatile boolean orderlyClose;
        private Thread writer;
        private Thread reader;

        PipeliningClient(int id, TestClient client) {
            this.id = id;
            this.client = client;
        }

        void start() {
            // Platform threads: a virtual thread whose socket always has data never yields its
            // carrier, so a few busy clients could starve the rest of this JVM's clients.
            writer = Thread.ofPlatform().daemon().name("pipeline-writer-" + id).start(this::write);
            reader = Thread.ofPlatform().daemon().name("pipeline-reader-" + id).start(this::read);
        }

        long received() {
            return received;
        }

        void awaitEnd(Duration timeout) throws InterruptedException {
            if (!reader.join(timeout)) {
                throw new AssertionError("client " + id + " still reading " + timeout + " after SIGTERM, "
                        + received + " replies so far");
            }
        }

        boolean endedWithAnOrderlyClose() {
            return orderlyClose;
        }

        String describeEnd() {
            return "client " + id + " after " + received + " in-order replies of " + sent + " lines sent: " + endedBy
                    + (writerEndedBy == null ? "" : " (writer: " + writerEndedBy + ")");
        }

        private void write() {
            long next = 0;
            try {
                while (!ended.get()) {
                    window.acquire(LINES_PER_WRITE);
                    StringBuilder lines = new StringBuilder();
                    for (int k = 0; k < LINES_PER_WRITE; k++) {
                        lines.append('c').append(id).append('-').append(next++).append('\n');
                    }
                    client.send(lines.toString());
                    sent = next;
                }
            } catch (IOException expected) {
                // The server stopped and closed; the reader tells whether anything was lost.
                writerEndedBy = expected;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                writerEndedBy = e;
                throw e;
            }
        }

        private void read() {
            try {
                while (true) {
                    byte[] reply = client.readLineBytesOrNullAtEof();
                    if (reply == null) {
                        orderlyClose = true;
                        return;
                    }
                    String expected = "c" + id + "-" + received + SUFFIX;
                    String actual = new String(reply, StandardCharsets.UTF_8);
                    if (!actual.equals(expected)) {
                        throw new AssertionError("client " + id + " expected reply " + expected + ", got " + actual);
                    }
                    received++;
                    window.release();
                }
            } catch (IOException | RuntimeException | Error e) {
                endedBy = e;
            } finally {
                ended.set(true);
                window.release(WINDOW); // the writer must not wait for replies that will never come
                try {
                    client.close();
                } catch (IOException ignored) {
                    // The test looks at what was received, not at how the socket closes.
                }
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            ended.set(true);
            client.close();
            if (writer != null) {
                writer.join(Duration.ofSeconds(5));
                reader.join(Duration.ofSeconds(5));
            }
        }
    }
}
