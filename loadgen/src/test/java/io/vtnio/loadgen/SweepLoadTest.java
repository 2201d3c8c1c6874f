package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --rates} and {@code --sweep} end to end against the test server: open-model steps
 * back to back on the same connections, every step in the table, the JSON and the interval log
 * (tagged so HdrHistogram's reader tells the steps apart), the early stop, and the capacity at a
 * latency objective against a server whose capacity is known in advance.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SweepLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyStepRunsAtItsRateOnTheSameConnectionsAndShowsInTheTableTheJsonAndTheLog() throws Exception {
        Path json = dir.resolve("sweep.json");
        Path hlog = dir.resolve("sweep.hlog");
        CommandRun run;
        long accepted;
        try (TestServer server = TestServer.echo("好")) {
            run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "20",
                    // 2 s windows: this VM stalls for about 100 ms now and then, which in a 0.7 s window
                    // cost a step 14% of its replies and ended the sweep early (less than 90%).
                    "--rates", "200,400,800", "--warmup", "300ms", "--duration", "2s", "--json", json.toString(),
                    "--hlog", hlog.toString()).assertExit(0);
            accepted = server.accepted();
        }
        assertEquals(20, accepted, "one set of connections for every step: " + run);
        JsonNode steps = JSON.readTree(json.toFile()).get("sweep").get("steps");
        assertEquals(3, steps.size(), run::toString);
        double[] offered = {200, 400, 800};
        Map<String, Long> requestsByTag = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            JsonNode step = steps.get(i);
            assertEquals(i + 1, step.get("step").asInt());
            assertEquals(offered[i], step.get("offeredPerSec").asDouble());
            // Within a quarter: a loaded machine (the suite runs modules side by side) may run a step late.
            assertEquals(offered[i], step.get("achievedPerSec").asDouble(), offered[i] * 0.25, run::toString);
            assertEquals(0, step.get("errors").asLong());
            assertTrue(step.get("latencyMicros").get("p99").asLong() > 0);
            assertFalse(step.get("refinement").asBoolean());
            assertFalse(step.has("meetsObjective"), "no --slo, no judgement");
            requestsByTag.put("step" + (i + 1), step.get("requests").asLong());
        }
        assertNull(JSON.readTree(json.toFile()).get("sweep").get("capacity"), "no --slo, no capacity");

        Map<String, Long> logged = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                logged.merge(String.valueOf(next.getTag()), ((Histogram) next).getTotalCount(), Long::sum);
            }
        }
        assertEquals(requestsByTag.get("step2"), logged.get("step2"), "step 2's intervals carry its tag: " + logged);
        assertEquals(requestsByTag.get("step3"), logged.get("step3"));
        // Service time is swapped out just after latency each tick: a reply may fall between the two.
        assertEquals(requestsByTag.get("step3"), logged.get("step3-service"), 3, "step 3's service time: " + logged);
        assertNull(logged.get("null"), "no untagged interval in a sweep: " + logged);
        assertTrue(Files.readString(hlog).contains("#[vtnio-step 2 offered 400/s]"));

        assertTrue(run.out().contains("a sweep of 3 steps from 200 to 800/s"), run::toString);
        List<String> rows = run.out().lines().filter(line -> line.matches("[123]\\s+\\d.*")).toList();
        assertEquals(3, rows.size(), run::toString);
        assertTrue(run.err().contains("step 2/3: 400/s offered"), run::toString);
    }

    @Test
    void theCapacityIsTheHighestRateThatMetTheObjectiveRefinedBelowTheFirstThatFailed() throws Exception {
        Path json = dir.resolve("capacity.json");
        CommandRun run;
        try (TestServer server = TestServer.echo("好").slowingAbove(1_100, 1_000)) {
            // Above 1,100 messages a second one message in twenty waits a second (and those behind it
            // on its connection): p99 then passes 400 ms, which this VM's own stalls (100-300 ms now
            // and then, on 2026-12-06 under the whole suite) do not reach. 100 connections, so that
            // the waits never cap the throughput.
            run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "100",
                    "--rates", "300,600,1200", "--slo", "p99=400ms", "--refine", "1", "--warmup", "300ms",
                    "--duration", "2s", "--json", json.toString()).assertExit(0);
        }
        JsonNode sweep = JSON.readTree(json.toFile()).get("sweep");
        JsonNode steps = sweep.get("steps");
        assertEquals(4, steps.size(), "the planned steps, then one bisection: " + run);
        assertFalse(steps.get(2).get("meetsObjective").asBoolean(), run::toString);
        assertTrue(steps.get(2).get("objectiveMicros").asLong() > 400_000, run::toString);
        // A machine stall can cost a step below the knee its 1% (held within 1% of its rate), so the
        // highest step that met it is 600/s or, after such a stall, 300/s; the bisection halves the gap
        // to the lowest rate above it that failed: 1,200/s, or 600/s when that was the stalled one.
        boolean secondMet = steps.get(1).get("meetsObjective").asBoolean();
        double highestPlannedMet = secondMet ? 600 : steps.get(0).get("meetsObjective").asBoolean() ? 300 : 0;
        assertTrue(highestPlannedMet > 0, "a step below the knee met p99=400ms: " + run);
        double lowestFailedAbove = secondMet ? 1200 : 600;
        JsonNode refinement = steps.get(3);
        assertTrue(refinement.get("refinement").asBoolean());
        assertEquals((highestPlannedMet + lowestFailedAbove) / 2, refinement.get("offeredPerSec").asDouble(),
                run::toString);
        JsonNode capacity = sweep.get("capacity");
        assertEquals("p99=400ms", capacity.get("objective").asText());
        double expected = refinement.get("meetsObjective").asBoolean() ? refinement.get("offeredPerSec").asDouble()
                : highestPlannedMet;
        assertEquals(expected, capacity.get("perSec").asDouble(), run::toString);
        assertTrue(capacity.get("firstFailingPerSec").asDouble() > expected, run::toString);
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "capacity at p99=400ms: %,.0f/s (", expected)),
                run::toString);
    }

    @Test
    void aStepThatMissesItsRateBadlyEndsThePlannedSteps() throws Exception {
        Path json = dir.resolve("stopped.json");
        CommandRun run;
        try (TestServer server = TestServer.echo("好").servingOneAtATime(5_000)) {
            // At most 200 replies a second however many connections send; the first step, at half that,
            // measures 100 messages (50 in half a second missed 90% once on a busy machine).
            run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "10",
                    "--rates", "100,1000,2000", "--warmup", "200ms", "--duration", "1s", "--timeout", "20s",
                    "--json", json.toString());
        }
        JsonNode sweep = JSON.readTree(json.toFile()).get("sweep");
        assertEquals(2, sweep.get("steps").size(), "2000/s is never offered: " + run);
        assertTrue(sweep.get("stoppedEarly").asText().startsWith("step 2 achieved "), run::toString);
        assertTrue(run.out().contains("stopped early: step 2 achieved"), run::toString);
    }

    @Test
    void aSweepRefusesFlagsItCannotHonourNamingTheFlag() throws Exception {
        try (TestServer server = TestServer.echo("好")) {
            String port = Integer.toString(server.port());
            Map<List<String>, String> cases = Map.of(
                    List.of("--rates", "200,100"), "--rates: rates must rise from step to step, got 200 then 100",
                    List.of("--rates", "100,200", "--rate", "100"), "--rate and a sweep do not go together",
                    List.of("--rates", "100,200", "--sweep", "100:200:2"), "--rates and --sweep do not go together",
                    List.of("--rates", "100,200", "--processes", "2"), "a sweep runs in one process",
                    List.of("--sweep", "100:200"), "--sweep: expected FROM:TO:STEPS",
                    List.of("--rates", "100,200", "--slo", "p99"), "--slo: expected PERCENTILE=DURATION",
                    List.of("--slo", "p99=5ms"), "--slo applies to a sweep",
                    List.of("--rates", "100,200", "--refine", "2"), "--refine applies to --slo");
            for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
                List<String> args = new ArrayList<>(List.of("load", "--port", port, "--connections", "4"));
                args.addAll(bad.getKey());
                CommandRun run = CommandRun.of(args.toArray(String[]::new));
                assertEquals(2, run.exitCode(), bad.getKey() + ": " + run);
                assertTrue(run.err().contains(bad.getValue()), bad.getKey() + ": " + run);
            }
        }
    }
}
