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
                    "--rates", "200,400,800", "--warmup", "300ms", "--duration", "700ms", "--json", json.toString(),
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
            assertEquals(offered[i], step.get("achievedPerSec").asDouble(), offered[i] * 0.1, run::toString);
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
        assertEquals(requestsByTag.get("step3"), logged.get("step3-service"));
        assertNull(logged.get("null"), "no untagged interval in a sweep: " + logged);
        assertTrue(Files.readString(hlog).contains("#[vtnio-step 2 offered 400/s]"));

        assertTrue(run.out().contains("a sweep of 3 steps from 200 to 800/s"), run::toString);
        List<String> rows = run.out().lines().filter(line -> line.matches("[123]\\s+\\d.*")).toList();
        assertEquals(3, rows.size(), run::toString);
        assertTrue(run.err().contains("step 2/3: 400/s offered"), run::toString);
    }

    @Test
    void theCapacityAtAnObjectiveLiesBetweenAStepThatMetItAndOneThatFailed() throws Exception {
        Path json = dir.resolve("capacity.json");
        CommandRun run;
        try (TestServer server = TestServer.echo("好").servingOneAtATime(1_000)) {
            // At most 1,000 replies a second however many connections send.
            run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "20",
                    "--sweep", "300:2400:4:geometric", "--slo", "p99=50ms", "--refine", "1", "--warmup", "auto",
                    "--warmup-max", "2s", "--duration", "700ms", "--json", json.toString());
        }
        JsonNode sweep = JSON.readTree(json.toFile()).get("sweep");
        List<Double> offered = new ArrayList<>();
        sweep.get("steps").forEach(step -> offered.add(step.get("offeredPerSec").asDouble()));
        assertEquals(List.of(300.0, 600.0, 1200.0, 900.0), offered,
                "300 and 600 meet it, 1200 is past the capacity, one bisection, then 2400 is not run: " + run);
        assertTrue(sweep.get("steps").get(3).get("refinement").asBoolean());
        assertTrue(sweep.get("steps").get(1).get("meetsObjective").asBoolean(), run::toString);
        assertFalse(sweep.get("steps").get(2).get("meetsObjective").asBoolean(), run::toString);
        assertTrue(sweep.get("stoppedEarly").asText().startsWith("step 3 achieved "), run::toString);
        JsonNode capacity = sweep.get("capacity");
        assertEquals("p99=50ms", capacity.get("objective").asText());
        double perSec = capacity.get("perSec").asDouble();
        double firstFailing = capacity.get("firstFailingPerSec").asDouble();
        assertTrue(perSec == 600 || perSec == 900, "capacity " + perSec);
        assertEquals(perSec == 600 ? 900 : 1200, firstFailing, run::toString);
        assertTrue(run.out().contains("capacity at p99=50ms: "), run::toString);
        assertTrue(run.out().contains("stopped early: step 3 achieved"), run::toString);
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
