package io.vtnio.compare.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --min-capacity} and the baseline rule for a sweep's capacity at its objective
 * ({@code load --rates ... --slo}): as a point for a {@code load --json} file, by interval for a
 * summary whose rounds each carry a capacity, and not at all against another objective.
 */
class CheckCapacityTest {

    @TempDir
    Path dir;

    /** A {@code load --json} file of a sweep; {@code capacity} null: no step met the objective. */
    private Path sweep(String name, String objective, Double capacity) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.format(Locale.ROOT, """
                {"tool":"vtnio","version":"0.1","mode":"echo","model":"open","server":"nio","connections":100,
                 "durationSeconds":6.0,"requests":60000,"errors":0,"throughputPerSec":10000.0,"targetRatePerSec":null,
                 "latencyMicros":{"p50":100,"p90":200,"p99":900,"p999":900,"max":1000,"mean":120.0},
                 "serviceTimeMicros":{"p50":100,"p90":200,"p99":900,"p999":900,"max":1000,"mean":120.0},
                 "errorsByKind":{},"processes":1,
                 "sweep":{"steps":[],"capacity":{"objective":"%s"%s,"firstFailingPerSec":80000.0,"note":"x"}}}
                """, objective, capacity == null ? "" : ",\"perSec\":" + capacity));
        return file;
    }

    /** A compare summary whose capacity scenario has one capacity per round. */
    private Path rounds(String name, double... capacities) throws IOException {
        StringBuilder rounds = new StringBuilder();
        for (int i = 0; i < capacities.length; i++) {
            rounds.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"round":%d,"failure":null,"requests":1000,"throughputPerSec":10000.0,
                     "latencyMicros":{"p50":100,"p90":200,"p99":500,"p999":900,"max":1000,"mean":120.0},
                     "sweep":{"steps":[],"capacity":{"objective":"p99=5ms","perSec":%.1f}}}
                    """, i + 1, capacities[i]));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, String.format(Locale.ROOT, """
                {"tool":"vtnio","kind":"compare","rounds":%d,
                 "results":[{"scenario":"capacity","server":"nio","mode":"echo","errors":0,"throughputPerSec":10000.0,
                  "targetRatePerSec":null,
                  "latencyMicros":{"p50":100,"p90":200,"p99":500,"p999":900,"max":1000,"mean":120.0},
                  "sweep":{"steps":[],"capacity":{"objective":"p99=5ms","perSec":%.1f}},
                  "rounds":[%s]}]}
                """, capacities.length, capacities[capacities.length / 2], rounds));
        return file;
    }

    @Test
    void minCapacityFailsBelowTheBoundAndHoldsAbove() throws IOException {
        Path file = sweep("sweep.json", "p99=5ms", 40_000.0);
        CheckCommandTest.Run below = CheckCommandTest.check(file, "--min-capacity", 50_000);
        assertEquals(CheckCommand.FAILED, below.exitCode(), below.toString());
        assertTrue(below.out().contains("FAIL echo/open/nio: capacity at p99=5ms 40,000/s is below --min-capacity "
                + "50,000/s"), below.out());
        assertEquals(0, CheckCommandTest.check(file, "--min-capacity", 30_000).exitCode());
    }

    @Test
    void aSweepWhereNoStepMetTheObjectiveFailsAnyMinimum() throws IOException {
        CheckCommandTest.Run run = CheckCommandTest.check(sweep("none.json", "p99=5ms", null), "--min-capacity", 1);
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("echo/open/nio: no step met p99=5ms, below --min-capacity 1/s"), run.out());
    }

    @Test
    void minCapacityOnAFileWithoutACapacityIsBadUsage() throws IOException {
        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, Files.readString(sweep("s.json", "p99=5ms", 1.0)).replaceAll("(?s),\\s*\"sweep\".*", "}"));
        CheckCommandTest.Run run = CheckCommandTest.check(plain, "--min-capacity", 1000);
        assertEquals(CheckCommand.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--min-capacity: " + plain + " holds no capacity"), run.err());
    }

    @Test
    void againstALoadBaselineTheCapacityMayFallByTheToleranceAsAPoint() throws IOException {
        Path base = sweep("base.json", "p99=5ms", 50_000.0);
        CheckCommandTest.Run worse = CheckCommandTest.check(sweep("worse.json", "p99=5ms", 40_000.0), "--baseline", base);
        assertEquals(CheckCommand.FAILED, worse.exitCode(), worse.toString());
        assertTrue(worse.out().contains("capacity at p99=5ms 40,000/s is below the baseline's 50,000/s by 20.0% "
                + "(tolerance 10%)"), worse.out());
        assertEquals(0, CheckCommandTest.check(sweep("close.json", "p99=5ms", 46_000.0), "--baseline", base).exitCode());
        CheckCommandTest.Run none = CheckCommandTest.check(sweep("none.json", "p99=5ms", null), "--baseline", base);
        assertTrue(none.out().contains("no step met p99=5ms, the baseline held 50,000/s"), none.out());
    }

    @Test
    void aCapacityAtAnotherObjectiveIsNotComparedAndANoteSaysSo() throws IOException {
        CheckCommandTest.Run run = CheckCommandTest.check(sweep("p999.json", "p99.9=20ms", 10_000.0), "--baseline",
                sweep("base.json", "p99=5ms", 50_000.0));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("note: echo/open/nio: capacity at p99.9=20ms, its baseline's at p99=5ms: "
                + "not compared"), run.out());
    }

    @Test
    void withRoundsOnBothSidesTheCapacityIsHeldByItsInterval() throws IOException {
        Path base = rounds("base.json", 50_000, 50_500, 49_500, 50_200, 49_800);
        CheckCommandTest.Run clear = CheckCommandTest.check(rounds("clear.json", 40_000, 40_400, 39_600), "--baseline", base);
        assertEquals(CheckCommand.FAILED, clear.exitCode(), clear.toString());
        assertTrue(clear.out().contains("FAIL capacity/nio: capacity at p99=5ms 0.80x of the baseline [0.7"),
                clear.out());
        assertTrue(clear.out().contains("below the 10% tolerance with 95% confidence"), clear.out());

        CheckCommandTest.Run noisy = CheckCommandTest.check(rounds("noisy.json", 52_000, 38_000, 47_000), "--baseline", base);
        assertEquals(0, noisy.exitCode(), noisy.toString());
        assertTrue(noisy.out().contains("INCONCLUSIVE capacity/nio: capacity at p99=5ms"), noisy.out());
        assertFalse(noisy.out().contains("FAIL"), noisy.out());
    }
}
