package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.nio.SelectorServerFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --phases} against a server that falls behind: the selector server with two workers
 * that block 1 ms a message answers at most about 1,800 messages a second (2,000 less the
 * hand-offs), so a second at 3,000 leaves a backlog that the next seconds, at 1,000, drain.
 */
class OverloadTimetableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aBacklogGrowsWhileTheRateIsBeyondTheServerAndDrainsAfter() throws Exception {
        Path json = dir.resolve("overload.json");
        Server server = new SelectorServerFactory().create(ServerConfig.parse(
                new String[] {"--port", "0", "--work", "sleep:1ms", "--workers", "2"}));
        server.start();
        CommandRun run;
        try {
            run = CommandRun.of("load", "--port", Integer.toString(server.localAddresses().getFirst().getPort()),
                    "--connections", "50", "--phases", "1000:1s,3000:1s,1000:3s", "--warmup", "500ms",
                    "--timeout", "20s", "--slo", "p99=50ms", "--json", json.toString()).assertExit(0);
        } finally {
            server.close();
        }
        assertTrue(run.out().contains("backlog at end"), "the phases table: " + run);
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(5.0, summary.get("durationSeconds").asDouble(), 0.3, "the phases make the window");
        assertTrue(summary.get("targetRatePerSec").isNull(), "no one rate");
        JsonNode phases = summary.get("phases").get("phases");
        assertEquals(3, phases.size());
        assertEquals(3000.0, phases.get(1).get("offeredPerSec").asDouble());
        assertTrue(phases.get(1).get("achievedPerSec").asDouble() < 2500, "the server held ~1,800/s: " + phases);
        JsonNode seconds = summary.get("phases").get("perSecond");
        assertEquals(5, seconds.size(), seconds::toString);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, seconds.get(i).get("second").asInt());
            assertEquals(i == 0 ? 1 : i == 1 ? 2 : 3, seconds.get(i).get("phase").asInt(), seconds::toString);
        }
        long afterOverload = seconds.get(1).get("backlog").asLong();
        assertTrue(seconds.get(0).get("backlog").asLong() < 300, "a rate it holds leaves no backlog: " + seconds);
        assertTrue(afterOverload > 500, "about 1,200 messages a second more than it serves: " + seconds);
        assertTrue(seconds.get(4).get("backlog").asLong() < afterOverload / 2, "it drains after: " + seconds);
        long highestAfter = 0;
        for (int i = 1; i < 5; i++) {
            highestAfter = Math.max(highestAfter, seconds.get(i).get("p50Micros").asLong());
        }
        // The median, not p99: one stall of this VM puts a held second's p99 at 100 ms or more.
        assertTrue(highestAfter > 20 * seconds.get(0).get("p50Micros").asLong(),
                "latency from the scheduled send grows with the queue: " + seconds);
        assertEquals("p99=50ms", summary.get("phases").get("objective").asText());
        assertTrue(seconds.get(1).has("meetsObjective"), "each second judged: " + seconds);
        JsonNode recovery = summary.get("phases").get("recoverySeconds");
        assertTrue(recovery == null || recovery.asDouble() >= 0, "recovery, when it came: " + summary.get("phases"));
    }
}
