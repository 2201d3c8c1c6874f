package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --scenario overload}: the timetable for echo and for the slow backend, with the
 * figures of the overload and the timeline charts. One round of the nio server alone (a second
 * contestant only doubles the time; the timetable is one {@code Scenario} for all), the shortest
 * phases (1 s, 1 s, 2 s): its pool of 16 workers at 5 ms holds 3,200 messages a second, the
 * backend's overload (twice that default, no backend ran: --overload 2) offers 6,400, so its backlog must grow.
 */
class CompareOverloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void theOverloadsFiguresAndTimelineAreReportedForEchoAndTheBackend() throws Exception {
        CompareCommandTest.Run run = CompareCommandTest.compare("--servers", "nio", "--scenario", "overload",
                "--rounds", "1",
                "--duration", "250ms", "--warmup", "500ms", "--overload", "2", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("backlog growth/s, overload"), run::toString);
        assertTrue(run.out().contains("then 6,400/s"), "--overload 2 of the backend's 3,200/s: " + run);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        int overloads = 0;
        for (JsonNode result : summary.get("results")) {
            String scenario = result.get("scenario").asText();
            if (!scenario.startsWith("overload-")) {
                continue;
            }
            overloads++;
            JsonNode overload = result.get("rounds").get(0).get("overload");
            assertNotNull(overload, scenario + " " + result.get("server") + ": " + result);
            assertEquals(4, overload.get("perSecond").size(), "1 s + 1 s + 2 s: " + overload);
            assertEquals("p99=10ms", overload.get("objective").asText());
            assertTrue(overload.get("peakRssBytes").asLong() > 0, overload::toString);
            if (scenario.equals("overload-backend")) {
                assertTrue(overload.get("backlogGrowthPerSec").asDouble() > 500,
                        "6,400/s offered against a pool that serves 3,200/s: " + overload);
            }
        }
        assertEquals(2, overloads, "echo and backend");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Backlog: messages sent and not yet answered"), "the timeline charts");
    }
}
