package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.CompareCommandTest.Run;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.report.summary.SummaryFile;
import io.vtnio.loadgen.result.SweepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --scenario capacity} for real, shortened: every contestant sweeps the same
 * rates in paired rounds; each round keeps its sweep, the capacity decides with its interval,
 * CPU per reply at the first step is the second witness, and the report draws latency against
 * offered load. A class of its own so that it runs beside the other compare tests.
 */
class CompareCapacityTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(150)
    void everyContestantSweepsTheSameRatesAndTheCapacityDecides() throws Exception {
        Run run = CompareCommandTest.compare("--servers", "vt,nio", "--scenario", "capacity", "--rounds", "1",
                "--duration", "200ms", "--warmup", "100ms", "--slo", "p99=20ms", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());

        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        for (String server : List.of("vt", "nio")) {
            ResultEntry entry = summary.result("capacity", server);
            assertEquals(1, entry.rounds().size(), entry.toString());
            for (RoundResult round : entry.rounds()) {
                SweepResult sweep = round.sweep();
                assertNotNull(sweep, "every round keeps its sweep: " + round);
                assertEquals(2_500.0, sweep.steps().getFirst().offeredPerSec(),
                        "no echo peak: from the fixed top of 160,000/s down six doublings");
                assertEquals("p99=20ms", sweep.capacity().objective());
                assertNotNull(sweep.steps().getFirst().serverCpuSeconds(), "the server's CPU from its stats lines");
            }
            assertNotNull(entry.sweep(), "the entry keeps its median round's sweep for the chart");
        }
        List<ScenarioVerdict> verdicts = summary.verdicts("capacity");
        assertEquals(1, verdicts.size(), verdicts.toString());
        assertEquals("capacity/s", verdicts.getFirst().figure());
        assertNotNull(verdicts.getFirst().efficiency(), "the second witness");
        assertEquals("server CPU/reply (step 1)", verdicts.getFirst().efficiency().figure());

        assertTrue(run.out().contains("capacity at p99=20ms"), run.out());
        assertTrue(run.out().contains("capacity/s"), run.out());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("alt=\"Latency against offered load, the median round of each\" src=\"data:image/png"),
                "the curve is drawn");
    }
}
