package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionRules;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.ReadPause;
import io.vtnio.core.Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both servers stop reading a client that owes too much at the same byte count, {@link ReadPause}'s
 * mark in {@code core}: so {@code compare} measures concurrency models, not different thresholds.
 * A chat client that publishes and never reads owes its own lines back; once the socket refuses
 * them, what it owes grows until reading pauses. At rest the server has read exactly what it
 * answered plus what it owes (and the start of a line not yet complete), so
 * {@code bytesIn - bytesOut} is the owed count. Reading pauses at the pause mark and resumes only
 * at or below the resume mark, and after the pause the writer may still hand the kernel what
 * room it has left (vt writes batches of 64 KiB: one more batch often goes out). So at rest the
 * owed count is above the resume mark and at most the pause mark plus one read
 * ({@link ConnectionRules#MAX_READ_BYTES}, a read in hand is always answered). A server that
 * pauses later, or never (it would drop the client at {@code --max-outbound}), fails.
 */
abstract class BackPressureRules extends ServerRules {

    private static final int MAX_OUTBOUND = 256 * 1024;
    private static final int LINE_BYTES = 100;

    @Test
    @Timeout(60)
    void chatPausesReadingAtTheSharedMark() throws Exception {
        Server server = startServer("--mode", "chat", "--max-outbound", String.valueOf(MAX_OUTBOUND));
        TestClient client = register(TestClient.connectWithReceiveBuffer(port(server), 4096, Duration.ofSeconds(10)));
        client.send("join\n");
        assertEquals("join", client.readLine(), "a chat client first hears its own line");
        // From here on it never reads. A writer sends until the server stops reading and the
        // kernel's buffers fill; closing the client at the end of the test ends the writer.
        byte[] lines = ("x".repeat(LINE_BYTES - 1) + "\n").repeat(80).getBytes(StandardCharsets.US_ASCII);
        Thread writer = Thread.ofVirtual().name("never-reading-publisher").start(() -> {
            try {
                while (true) {
                    client.send(lines);
                }
            } catch (IOException e) {
                // The test is over and closed the client.
            }
        });
        register(writer::interrupt);

        ReadPause marks = ReadPause.forChat(MAX_OUTBOUND);
        MetricsSnapshot atRest = awaitRest(server, writer);
        long owed = owed(atRest);
        assertEquals(0, atRest.slowConsumerDrops(), "paused, not dropped: " + atRest.toJson());
        // bytesIn also counts the start of a line not yet complete, which nobody owes yet.
        long most = marks.pauseAtBytes() + ConnectionRules.MAX_READ_BYTES + LINE_BYTES;
        assertTrue(owed > marks.resumeAtBytes() && owed <= most, "reading should pause once " + marks.pauseAtBytes()
                + " bytes are owed (a read in hand adds at most " + ConnectionRules.MAX_READ_BYTES
                + " plus a partial line) and resume only at " + marks.resumeAtBytes() + " or less; owed at rest: "
                + owed + " (" + atRest.toJson() + ")");
    }

    /**
     * Polls until the server has read and written nothing for three polls in a row (1.5 s) while
     * the client's writer stayed blocked in its write: a pause of this JVM (a collection, a busy
     * machine) can freeze the counters for a moment, but not while the writer waits on the socket.
     */
    private MetricsSnapshot awaitRest(Server server, Thread writer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        MetricsSnapshot last = snapshot(server);
        int stillPolls = 0;
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            MetricsSnapshot now = snapshot(server);
            boolean still = now.bytesIn() == last.bytesIn() && now.bytesOut() == last.bytesOut() && now.bytesIn() > 0
                    && writer.getState() == Thread.State.WAITING;
            stillPolls = still ? stillPolls + 1 : 0;
            if (stillPolls == 3) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the server kept reading or writing for 40 s: " + last.toJson());
    }

    private static long owed(MetricsSnapshot snapshot) {
        return snapshot.bytesIn() - snapshot.bytesOut();
    }
}
