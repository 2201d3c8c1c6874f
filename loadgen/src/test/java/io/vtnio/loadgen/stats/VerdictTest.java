package io.vtnio.loadgen.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verdict rules on synthetic rounds: what an A/A test and a real difference must give. */
class VerdictTest {

    private static final double THRESHOLD_PCT = 10;

    /** Rounds in alternating order: pair i runs A then B for even i, B then A for odd i. */
    private record Pairs(double[] a, double[] b) {
    }

    /**
     * Both contestants on a machine whose speed drifts linearly by 30% over the comparison, with
     * {@code noisePct} of log-normal noise per run; {@code bFactor} is B's true figure over A's.
     */
    private static Pairs drifting(int pairs, double bFactor, double noisePct, long seed) {
        Random random = new Random(seed);
        double[] a = new double[pairs];
        double[] b = new double[pairs];
        int slot = 0;
        for (int i = 0; i < pairs; i++) {
            double first = speed(slot++, pairs) * Math.exp(random.nextGaussian() * noisePct / 100);
            double second = speed(slot++, pairs) * Math.exp(random.nextGaussian() * noisePct / 100);
            if (i % 2 == 0) {
                a[i] = 50_000 * first;
                b[i] = 50_000 * bFactor * second;
            } else {
                b[i] = 50_000 * bFactor * first;
                a[i] = 50_000 * second;
            }
        }
        return new Pairs(a, b);
    }

    private static double speed(int slot, int pairs) {
        return 1.0 - 0.3 * slot / (2.0 * pairs);
    }

    private static Verdict throughput(Pairs pairs) {
        return Verdict.of(RatioInterval.paired(pairs.a, pairs.b, 0.95), THRESHOLD_PCT, true, "A", "B", "replies/s");
    }

    @Test
    void identicalRoundsAreEvenWithAPointInterval() {
        double[] same = {40_000, 52_000, 47_000};
        Verdict verdict = throughput(new Pairs(same, same.clone()));
        assertEquals(Verdict.Kind.EVEN, verdict.kind());
        assertEquals(1.0, verdict.interval().low(), 1e-12);
        assertEquals(1.0, verdict.interval().high(), 1e-12);
        assertTrue(verdict.line().startsWith("even on replies/s: B/A 1.00x [1.00-1.00x]"), verdict.line());
    }

    @Test
    void linearDriftOfTheMachineNeverMakesOneOfTwoEqualContestantsAhead() {
        for (long seed = 0; seed < 200; seed++) {
            Verdict verdict = throughput(drifting(6, 1.0, 3, seed));
            assertNotEquals(Verdict.Kind.AHEAD, verdict.kind(), "seed " + seed + ": " + verdict.line());
        }
    }

    @Test
    void driftWithoutNoiseCancelsAcrossAlternatingPairs() {
        Verdict verdict = throughput(drifting(6, 1.0, 0, 1));
        // Each pair's ratio is off by one slot of drift, alternately up and down: the mean stays at 1.
        assertEquals(1.0, verdict.interval().ratio(), 0.005);
        assertEquals(Verdict.Kind.EVEN, verdict.kind(), verdict.line());
    }

    @Test
    void oneOutlierPairWidensTheIntervalButNeverMakesAnAaTestAhead() {
        double[] a = {50_000, 51_000, 49_500, 50_500, 50_200, 49_800, 50_100, 50_300};
        double[] b = {50_200, 50_800, 49_700, 50_300, 80_000, 49_900, 50_000, 50_400};
        Verdict verdict = throughput(new Pairs(a, b));
        assertNotEquals(Verdict.Kind.AHEAD, verdict.kind(), verdict.line());
        assertTrue(verdict.interval().high() > 1.1, "the outlier must show as width: " + verdict.line());
    }

    @Test
    void aRealTwentyPercentDifferenceIsFoundWithItsSignThroughDriftAndNoise() {
        for (long seed = 0; seed < 200; seed++) {
            Verdict faster = throughput(drifting(6, 1.3, 3, seed));
            assertEquals(Verdict.Kind.AHEAD, faster.kind(), "seed " + seed + ": " + faster.line());
            assertEquals("B", faster.leader());
            Verdict slower = throughput(drifting(6, 1 / 1.3, 3, seed));
            assertEquals(Verdict.Kind.AHEAD, slower.kind(), "seed " + seed + ": " + slower.line());
            assertEquals("A", slower.leader());
            assertTrue(slower.line().matches("A ahead, 1\\.[23]\\dx higher replies/s .*"), slower.line());
        }
    }

    @Test
    void lowerIsBetterFiguresNameTheContestantWithTheLowerFigure() {
        double[] a = {2.0, 2.1, 1.9, 2.0};
        double[] b = {3.0, 3.1, 2.9, 3.05};
        Verdict verdict = Verdict.of(RatioInterval.paired(a, b, 0.95), 10, false, "vt", "nio", "latency p99");
        assertEquals(Verdict.Kind.AHEAD, verdict.kind());
        assertEquals("vt", verdict.leader());
        assertTrue(verdict.line().startsWith("vt ahead, 1.5"), verdict.line());
        assertTrue(verdict.line().contains("lower latency p99"), verdict.line());
    }

    @Test
    void aDifferenceTheNoiseCannotResolveIsInconclusiveAndSaysWhatWouldSettleIt() {
        double[] a = {50_000, 40_000, 55_000};
        double[] b = {56_000, 41_000, 66_000};
        Verdict verdict = throughput(new Pairs(a, b));
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.line().contains("straddles the 10% threshold"), verdict.line());
        assertTrue(verdict.line().contains("pairs would settle it") || verdict.line().contains("quieter machine"),
                verdict.line());
    }

    @Test
    void twoPairsThatHappenToAgreeDecideNothing() {
        // As in an A/A run of this project: two pairs of p99 ratios, both about 1.16.
        Verdict verdict = Verdict.of(RatioInterval.paired(new double[] {1000, 1200}, new double[] {1160, 1395}, 0.95),
                10, false, "nioA", "nioB", "latency p99");
        assertTrue(verdict.interval().low() > 1.1, "the interval alone would say ahead: " + verdict.interval());
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.line().contains("too few pairs to decide (at least 3)"), verdict.line());
    }

    @Test
    void aTailFigureWhosePairsDisagreeIsNotAheadEvenWhenItsIntervalIsBeyondTheThreshold() {
        // The pairs of a real A/A run of server-vt's open-loop p99 (ms): 1.38, 1.24, 1.14, 1.00, 1.25.
        double[] a = {5.80, 6.16, 8.18, 7.29, 7.37};
        double[] b = {8.03, 7.66, 9.29, 7.29, 9.24};
        Verdict verdict = Verdict.of(RatioInterval.paired(a, b, 0.95), 1, false, "vtA", "vtB", "latency p99");
        assertTrue(verdict.interval().low() > 1.01, verdict.interval().toString());
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind(), verdict.line());
        assertTrue(verdict.line().contains("lies beyond the 1% threshold, but only 4 of its 5 pairs point that way"),
                verdict.line());
        double[] allUp = {8.03, 7.66, 9.29, 7.60, 9.24};
        Verdict agreed = Verdict.of(RatioInterval.paired(a, allUp, 0.95), 1, false, "vtA", "vtB", "latency p99");
        assertEquals(Verdict.Kind.AHEAD, agreed.kind(), agreed.line());
        assertEquals("vtA", agreed.leader());
    }

    @Test
    void withEightPairsOneMayDissent() {
        assertTrue(Verdict.agree(3, 3));
        assertFalse(Verdict.agree(6, 7));
        assertTrue(Verdict.agree(7, 8));
        assertFalse(Verdict.agree(10, 12));
    }

    @Test
    void onePairGivesNoIntervalAndSoNoVerdict() {
        Verdict verdict = throughput(new Pairs(new double[] {50_000}, new double[] {90_000}));
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.line().contains("no interval"), verdict.line());
    }

    @Test
    void theEstimateOfPairsNeededGrowsWithTheSpread() {
        String tight = Verdict.whatWouldSettle(new RatioInterval(1.2, 1.05, 1.37, 0.95, 3, 0.05, 3, 0), 1.1);
        String loose = Verdict.whatWouldSettle(new RatioInterval(1.2, 0.9, 1.6, 0.95, 3, 0.15, 2, 1), 1.1);
        assertTrue(tight.startsWith("about 4 pairs"), tight);
        assertTrue(loose.startsWith("about 12 pairs"), loose);
    }
}
