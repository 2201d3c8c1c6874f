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

    /** Interval {@code i}'s throughput (per second) and median latency (µs), and stats lines. */
    private record Series(LongToDoubleFunction throughput, LongToDoubleFunction latencyP50Micros,
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
                    series.latencyP50Micros().applyAsDouble(i));
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
    void openModelLatencyFallingFrom50msTo3msIsSteadyOnlyOnceItHasFlattened() {
        // The rate holds; the median falls by a quarter an interval as a queue drains (50, 37.5, 28 ...
        // 5.0, 3.75 ms), then stays at 3 ms, as in the report of a warm-up declared steady too soon.
        long flatFrom = 11;
        Series series = new Series(i -> quietNoise(i, 20_000),
                i -> i < flatFrom ? 50_000 * Math.pow(0.75, i - 1) : quietNoise(i, 3_000), null);
        Outcome open = run(new SteadyStateDetector(0, MAX_NS, true, false), series);
        assertEquals(Verdict.STEADY, open.verdict());
        long windowFlatNs = (flatFrom + SteadyStateDetector.WINDOW_INTERVALS - 1) * INTERVAL_NS;
        assertTrue(open.atNs() >= windowFlatNs, "steady at " + open.atNs() + " while the fall was in the window");
        assertTrue(open.atNs() <= windowFlatNs + 2 * INTERVAL_NS, "steady soon after flattening: " + open.atNs());

        Outcome closed = run(new SteadyStateDetector(0, MAX_NS, false, false), series);
        assertEquals(new Outcome(SteadyStateDetector.WINDOW_INTERVALS * INTERVAL_NS, Verdict.STEADY), closed,
                "the closed model watches throughput, which held all along");
    }

    @Test
    void openModelLatencyRisingAsAQueueBuildsIsNeverSteady() {
        // 1 ms, then 60 ms more every interval. After 11 s its rise over the window is below 15% of the
        // window's mean, yet the queue still grows: the trend is measured against the lowest median.
        Series series = new Series(i -> quietNoise(i, 20_000), i -> 1_000 + 60_000.0 * (i - 1), null);
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, true, false);
        Outcome outcome = run(detector, series);
        assertEquals(new Outcome(MAX_NS, Verdict.BOUND_REACHED), outcome);
        assertTrue(detector.latencySpread() < SteadyStateDetector.MAX_LATENCY_SPREAD,
                "late in the queue's growth the spread alone would pass: " + detector.latencySpread());
        assertTrue(detector.latencyTrend() > 100, "the rise is many times the lowest median: " + detector.latencyTrend());
    }

    @Test
    void openModelLatencyRisingWithinTheSpreadIsStillNotSteady() {
        // 8 µs more every interval from 208 µs: within the spread, but a window rises by 23% of the lowest.
        Series series = new Series(i -> quietNoise(i, 20_000), i -> 200 * (1 + 0.04 * i), null);
        Outcome outcome = run(new SteadyStateDetector(0, 5 * SECOND_NS, true, false), series);
        assertEquals(new Outcome(5 * SECOND_NS, Verdict.BOUND_REACHED), outcome);
    }

    @Test
    void openModelFlatLatencyWithConstantThroughputIsSteady() {
        Series series = new Series(i -> 20_000, i -> quietNoise(i, 200), null);
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, true, false);
        Outcome outcome = run(detector, series);
        assertEquals(new Outcome(SteadyStateDetector.WINDOW_INTERVALS * INTERVAL_NS, Verdict.STEADY), outcome);
        assertEquals(202.0 / 198.0 - 1, detector.latencySpread(), 1e-9);
        assertTrue(Math.abs(detector.latencyTrend()) < 0.02, "no trend: " + detector.latencyTrend());
    }

    @Test
    void openModelLatencyNoisierThanTheSpreadIsNeverSteady() {
        // ±15% from one interval to the next: a 35% spread with no trend, and throughput as flat as can be.
        Series series = new Series(i -> 20_000, i -> 200 * (i % 2 == 0 ? 1.15 : 0.85), null);
        Outcome outcome = run(new SteadyStateDetector(0, 5 * SECOND_NS, true, false), series);
        assertEquals(new Outcome(5 * SECOND_NS, Verdict.BOUND_REACHED), outcome);
    }

    @Test
    void openModelWithoutRepliesInAnIntervalIsNotSteady() {
        SteadyStateDetector detector = new SteadyStateDetector(0, MAX_NS, true, false);
        for (long i = 1; i <= 8; i++) {
            detector.addInterval(i == 7 ? 0 : 500, 0.25, i == 7 ? Double.NaN : 100);
            if (i >= 7) {
                assertEquals(Verdict.WARMING, detector.verdict(i * INTERVAL_NS));
                assertTrue(Double.isNaN(detector.latencySpread()));
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
