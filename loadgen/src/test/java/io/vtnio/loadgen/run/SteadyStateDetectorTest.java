package io.vtnio.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.run.SteadyStateDetector.Verdict;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The detector on synthetic series, one interval every {@link SteadyStateDetector#INTERVAL_NS}
 * from time 0: when it calls a run steady, and that it never does before the series settles.
 */
class SteadyStateDetectorTest {

    private static final long INTERVAL_NS = SteadyStateDetector.INTERVAL_NS;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MAX_NS = 20 * SECOND_NS;

    /** Interval {@code i}'s throughput (per second) and mean service time (µs), and stats lines. */
    private record Series(LongToDoubleFunction throughput, LongToDoubleFunction serviceMicros,
                          LongUnaryOperator compileMillis) {
    }

    /** The time at which the verdict first leaves WARMING, and that verdict. */
    private record Outcome(long atNs, Verdict verdict) {
    }

    /** Runs {@code series} until the verdict is not WARMING; stats lines (if any) come every interval. */
    private static Outcome run(SteadyStateDetector detector, Series series) {
        for (long i = 1; ; i++) {
            long nowNs = i * INTERVAL_NS;
            if (series.compileMillis() != null) {
                detector.addServerStats(nowNs, nowNs / 1_000_000, series.compileMillis().applyAsLong(i));
            }
            double throughput = series.throughput().applyAsDouble(i);
            detector.addInterval(Math.round(throughput * INTERVAL_NS / 1e9), INTERVAL_NS / 1e9,
                    series.serviceMicros().applyAsDouble(i));
            Verdict verdict = detector.verdict(nowNs);
            if (verdict != Verdict.WARMING) {
                return new Outcome(nowNs, verdict);
            }
            assertTrue(nowNs < MAX_NS, "WARMING past the bound at " + nowNs);
        }
    }

    /** ±1% of {@code level}, in a pattern with no trend: a warm server on a quiet machine. */
    private static double quietNoise(long i, double level) {
        return level * (1 + 0.01 * ((i * 7) % 3 - 1));
    }

    @Test
    void aRampThatFlattensIsSteadyOnlyOnceTheWindowIsFlat() {
        long flatFrom = 12; // 3 s of a JIT-like ramp from 10,000/s to 40,000/s, then flat
        Series series = new Series(
                i -> i < flatFrom ? 10_000 + 30_000.0 * i / flatFrom : quietNoise(i, 40_000),
                i -> 100, null);
        Outcome outcome = run(new SteadyStateDetector(0, MAX_NS, false, false), series);
        assertEquals(Verdict.STEADY, outcome.verdict());
        long windowFlatNs = (flatFrom + SteadyStateDetector.WINDOW_INTERVALS - 1) * INTERVAL_NS;
        assertTrue(outcome.atNs() >= windowFlatNs, "steady at " + outcome.atNs() + " while the ramp was in the window");
        assertTrue(outcome.atNs() <= windowFlatNs + 2 * INTERVAL_NS, "steady soon after flattening: " + outcome.atNs());
    }

    @Test
    void aSlowRiseWithinTheSpreadIsStillWarming() {
        // 1% more every interval: a CV near 2%, within bounds, but a 6% rise over the window.
        Series series = new Series(i -> 10_000 * Math.pow(1.01, i), i -> 100, null);
        Outcome outcome = run(new SteadyStateDetector(0, 5 * SECOND_NS, false, false), series);
        assertEquals(Verdict.BOUND_REACHED, outcome.verdict());
    }

    @Test
    void noiseBeyondFivePercentIsNeverSteadyAndStopsAtTheBound() {
        Series series = new Series(i -> 40_000 * (i % 2 == 0 ? 1.1 : 0.9), i -> 100, null);
        long maxNs = 7 * SECOND_NS;
        Outcome outcome = run(new SteadyStateDetector(0, maxNs, false, false), series);
        assertEquals(Verdict.BOUND_REACHED, outcome.verdict());
        assertEquals(maxNs, outcome.atNs(), "measuring starts at the bound, not later");
    }

    @Test
    void aFlatSeriesWaitsUntilTheServersJitStopsCompiling() {
        long quietFrom = 16; // the JIT compiles 100 ms every 250 ms for 4 s, then 1 ms
        Series series = new Series(i -> quietNoise(i, 40_000), i -> 100,
                i -> i < quietFrom ? 100 * i : 100 * quietFrom + (i - quietFrom));
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, false, true);
        Outcome outcome = run(detector, series);
        assertEquals(Verdict.STEADY, outcome.verdict());
        assertTrue(outcome.atNs() >= (quietFrom + 3) * INTERVAL_NS,
                "steady at " + outcome.atNs() + " while the JIT was busy within the last second");
        assertTrue(outcome.atNs() <= (quietFrom + 5) * INTERVAL_NS,
                "steady soon after the JIT quiets: " + outcome.atNs());
        assertFalse(detector.jitIgnored());
        assertEquals(4.0, detector.jitMillisPerSec(outcome.atNs()), 0.01);
    }

    @Test
    void withoutCompileMillisInTheStatsTheJitIsIgnoredAfterTheGrace() {
        // Stats lines of an older or foreign server: compileMillis unknown.
        Series series = new Series(i -> quietNoise(i, 40_000), i -> 100, i -> -1);
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, false, true);
        Outcome outcome = run(detector, series);
        assertEquals(Verdict.STEADY, outcome.verdict());
        assertEquals(SteadyStateDetector.JIT_REPORT_GRACE_NS, outcome.atNs(),
                "judged by throughput once the grace is over");
        assertTrue(detector.jitIgnored());
    }

    @Test
    void withNoStatsLinesAtAllTheJitIsIgnoredAfterTheGraceToo() {
        // A file that only ever holds the listening line, e.g. a server without --stats-interval.
        Series series = new Series(i -> quietNoise(i, 40_000), i -> 100, null);
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, false, true);
        Outcome outcome = run(detector, series);
        assertEquals(new Outcome(SteadyStateDetector.JIT_REPORT_GRACE_NS, Verdict.STEADY), outcome);
        assertTrue(detector.jitIgnored());
        assertTrue(Double.isNaN(detector.jitMillisPerSec(outcome.atNs())));
    }

    @Test
    void openModelWaitsUntilServiceTimeStopsFalling() {
        long flatFrom = 16; // the rate is fixed; service time falls from 500 µs to 100 µs over 4 s
        Series series = new Series(i -> quietNoise(i, 2_000),
                i -> i < flatFrom ? 500 - 400.0 * i / flatFrom : 100 + (i % 2), null);
        Outcome open = run(new SteadyStateDetector(0, MAX_NS, true, false), series);
        assertEquals(Verdict.STEADY, open.verdict());
        assertTrue(open.atNs() >= (flatFrom + 2) * INTERVAL_NS, "steady at " + open.atNs() + " while getting faster");
        assertTrue(open.atNs() <= (flatFrom + SteadyStateDetector.WINDOW_INTERVALS) * INTERVAL_NS,
                "steady at " + open.atNs());

        Outcome closed = run(new SteadyStateDetector(0, MAX_NS, false, false), series);
        assertTrue(closed.atNs() < open.atNs(), "the closed model watches throughput only");
    }

    @Test
    void openModelWithoutRepliesInAnIntervalIsNotSteady() {
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, true, false);
        for (long i = 1; i <= 8; i++) {
            detector.addInterval(i == 7 ? 0 : 500, 0.25, i == 7 ? Double.NaN : 100);
            if (i >= 7) {
                assertEquals(Verdict.WARMING, detector.verdict(i * INTERVAL_NS));
            }
        }
    }

    @Test
    void aFallingThroughputWithinTheSpreadIsNotWarmingUp() {
        // -0.5% an interval: a CV near 1%; falling is no sign of a server still warming.
        Series series = new Series(i -> 40_000 * Math.pow(0.995, i), i -> 100, null);
        Outcome outcome = run(new SteadyStateDetector(0, MAX_NS, false, false), series);
        assertEquals(Verdict.STEADY, outcome.verdict());
        assertEquals(SteadyStateDetector.WINDOW_INTERVALS * INTERVAL_NS, outcome.atNs());
    }

    @Test
    void neverSteadyBeforeTheWindowIsFullNorBeforeTheMinimum() {
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, false, false);
        for (long i = 1; i < SteadyStateDetector.WINDOW_INTERVALS; i++) {
            detector.addInterval(10_000, 0.25, 100);
            assertEquals(Verdict.WARMING, detector.verdict(i * INTERVAL_NS));
        }
        detector.addInterval(10_000, 0.25, 100);
        assertEquals(Verdict.WARMING, detector.verdict(SteadyStateDetector.MIN_WARMUP_NS - 1),
                "a full, flat window does not end the warm-up before the minimum");
        assertEquals(Verdict.STEADY, detector.verdict(SteadyStateDetector.MIN_WARMUP_NS));
        assertEquals(0.0, detector.throughputCv());
    }

    @Test
    void noTrafficIsNeverSteady() {
        SteadyStateDetector detector = new SteadyStateDetector(0, 2 * SECOND_NS, false, false);
        for (long i = 1; i < 8; i++) {
            detector.addInterval(0, 0.25, Double.NaN);
            assertEquals(Verdict.WARMING, detector.verdict(i * INTERVAL_NS));
        }
        detector.addInterval(0, 0.25, Double.NaN);
        assertEquals(Verdict.BOUND_REACHED, detector.verdict(2 * SECOND_NS));
    }

    @Test
    void slopeIsTheLeastSquaresChangePerInterval() {
        assertEquals(2.0, SteadyStateDetector.slope(new double[] {1, 3, 5, 7}), 1e-9);
        assertEquals(0.0, SteadyStateDetector.slope(new double[] {4, 4, 4}), 1e-9);
        assertEquals(-1.0, SteadyStateDetector.slope(new double[] {3, 2, 1}), 1e-9);
        assertEquals(0.0, SteadyStateDetector.slope(new double[] {5}), 1e-9);
    }
}
