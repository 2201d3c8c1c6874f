package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code load --phases}: an overload test's timetable, its per-phase figures and per-second rows. */
class PhasesLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aBacklogGrowsWhileTheRateIsBeyondTheServerAndDrainsAfter() throws Exception {
        Path json = dir.resolve("overload.json");
        CommandRun run;
        // One message at a time, 500 us each: 2,000 a second at most, whatever the connections.
        try (TestServer server = TestServer.echo("好").servingOneAtATime(1000)) {
            run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "50",
                    "--phases", "300:1s,1500:1s,300:3s", "--warmup", "500ms", "--timeout", "20s",
                    "--json", json.toString()).assertExit(0);
        }
        assertTrue(run.out().contains("backlog at end"), "the phases table: " + run);
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(5.0, summary.get("durationSeconds").asDouble(), 0.3, "the phases make the window");
        assertTrue(summary.get("targetRatePerSec").isNull(), "no one rate");
        JsonNode phases = summary.get("phases").get("phases");
        assertEquals(3, phases.size());
        assertEquals(1500.0, phases.get(1).get("offeredPerSec").asDouble());
        assertTrue(phases.get(1).get("achievedPerSec").asDouble() < 1200, "the server held 1,000/s at most: " + phases);
        JsonNode seconds = summary.get("phases").get("perSecond");
        assertEquals(5, seconds.size(), seconds::toString);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, seconds.get(i).get("second").asInt());
            assertEquals(i == 0 ? 1 : i == 1 ? 2 : 3, seconds.get(i).get("phase").asInt(), seconds::toString);
        }
        long beforeOverload = seconds.get(0).get("backlog").asLong();
        long afterOverload = seconds.get(1).get("backlog").asLong();
        long atTheEnd = seconds.get(4).get("backlog").asLong();
        assertTrue(beforeOverload < 300, "a rate it holds leaves no backlog: " + seconds);
        assertTrue(afterOverload > 300, "at least 500 messages a second more than it serves: " + seconds);
        assertTrue(atTheEnd < afterOverload / 2, "it drains at ~1,000/s after: " + seconds);
        assertTrue(seconds.get(1).get("p99Micros").asLong() > 10 * seconds.get(0).get("p99Micros").asLong(),
                "latency from the scheduled send grows with the queue: " + seconds);
    }

    @Test
    @Timeout(20)
    void aTimetableIsCheckedAndSetsTheRateAndTheTimeAlone() {
        CommandRun.load(9, "--phases", "1000:1s,2000:1.5s").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s,fast:1s").assertExit(2);
        CommandRun.load(9, "--phases", "1000").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s", "--rate", "1000").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s", "--duration", "5s").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s", "--rates", "1000,2000").assertExit(2);
        CommandRun run = CommandRun.load(9, "--phases", "1000:1s", "--mode", "chat").assertExit(2);
        assertTrue(run.err().contains("--phases applies to echo and hello"), run::toString);
    }
}
