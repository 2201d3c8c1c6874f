package io.vtnio.compare.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        // A point interval detects everything beyond the threshold itself.
        assertEquals(1.1, verdict.detectable(), 1e-12);
        assertTrue(verdict.line().endsWith("; could detect 10% or more"), verdict.line());
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
    void pairsThatSpreadMoreThanTheThresholdBandAreNamedAsTheCauseWithThePairsThatWouldNarrowThem() {
        // Pair ratios 1.12, 1.03 and 1.20: a log spread of 0.079 (±8%) and, from 3 pairs, an
        // interval of 0.91x to 1.35x, wider than the whole band from 1/1.1 to 1.1.
        double[] a = {50_000, 40_000, 55_000};
        double[] b = {56_000, 41_000, 66_000};
        Verdict verdict = throughput(new Pairs(a, b));
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.interval().logHalfWidth() > Math.log(1.1), verdict.interval().toString());
        assertTrue(verdict.line().contains("(95%, 3 pairs), the pairs spread too much (±8% per pair) for 3 pairs to "
                + "see a 10% difference; about 4 pairs would narrow the interval to ±10% (--rounds 4), or a quieter "
                + "machine"), verdict.line());
        assertFalse(verdict.line().contains("straddles"), verdict.line());
    }

    @Test
    void aWideIntervalIsExplainedByTheSpreadOfItsPairsNotByTheThreshold() {
        // The interval of the report: 1.29x [0.24-7.06x], from pair ratios 0.64, 1.34 and 2.51.
        double[] a = {100, 100, 100};
        double[] b = {64, 134, 251};
        Verdict verdict = throughput(new Pairs(a, b));
        assertEquals("1.29x [0.24-7.06x]", verdict.interval().describe());
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.line().contains("the pairs spread too much (±98% per pair) for 3 pairs to see a 10% "
                + "difference"), verdict.line());
        // (2 * 0.684 / ln 1.1)^2 = 206.04, so 207 pairs: not worth suggesting.
        assertTrue(verdict.line().contains("narrowing the interval to ±10% would take about 207 pairs at this "
                + "spread: a quieter machine would settle it"), verdict.line());
        assertFalse(verdict.line().contains("too close"), verdict.line());
        assertFalse(verdict.line().contains("straddles"), verdict.line());
    }

    @Test
    void aNarrowIntervalAcrossTheThresholdStraddlesIt() {
        double[] a = {100, 100, 100, 100, 100, 100};
        double[] b = {109, 111, 110, 112, 108, 110};
        Verdict verdict = throughput(new Pairs(a, b));
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.interval().logHalfWidth() < Math.log(1.1), verdict.interval().toString());
        assertTrue(verdict.line().contains("(95%, 6 pairs) straddles the 10% threshold; "), verdict.line());
        // 1.10x sits on the threshold itself: no number of pairs at this spread moves the interval off it.
        assertTrue(verdict.line().contains("the ratio sits too close to the threshold for more rounds to settle it"),
                verdict.line());
        assertFalse(verdict.line().contains("spread too much"), verdict.line());
        Verdict nearer = Verdict.of(new RatioInterval(1.08, 1.05, 1.11, 0.95, 4, 0.019, 4, 0), 10, true, "A", "B",
                "replies/s");
        // ln 1.1 - ln 1.08 = 0.0183 away from the threshold: (2 * 0.019 / 0.0183)^2 = 4.3, so 5 pairs.
        assertTrue(nearer.line().contains("straddles the 10% threshold; about 5 pairs would settle it (--rounds 5)"),
                nearer.line());
    }

    /** Every line ends with {@code bound * e^h}, h the interval's half width in logs, computed here by hand. */
    @Test
    void everyKindOfLineEndsWithTheSmallestDifferenceTheRunCouldHaveDetected() {
        // ahead: 1.1 * sqrt(1.60 / 1.40) = 1.1760
        assertDetects(new RatioInterval(1.5, 1.4, 1.6, 0.95, 5, 0.054, 5, 0), Verdict.Kind.AHEAD, 1.1760,
                "B ahead, 1.50x higher replies/s [1.40-1.60x] (95%, 5 pairs); could detect 18% or more");
        // even: 1.1 * sqrt(1.05 / 0.95) = 1.1564
        assertDetects(new RatioInterval(1.0, 0.95, 1.05, 0.95, 4, 0.031, 2, 2), Verdict.Kind.EVEN, 1.1564,
                "even on replies/s: B/A 1.00x [0.95-1.05x], within the 10% threshold (95%, 4 pairs); "
                        + "could detect 16% or more");
        // near the threshold: 1.1 * sqrt(1.15 / 1.05) = 1.1512
        assertDetects(new RatioInterval(1.1, 1.05, 1.15, 0.95, 5, 0.037, 5, 0), Verdict.Kind.INCONCLUSIVE, 1.1512,
                "; could detect 16% or more");
        // pairs that disagree: 1.1 * sqrt(1.47 / 1.15) = 1.2437
        assertDetects(new RatioInterval(1.3, 1.15, 1.47, 0.95, 5, 0.099, 4, 1), Verdict.Kind.INCONCLUSIVE, 1.2437,
                "only 4 of its 5 pairs point that way; about 6 pairs would settle it (--rounds 6), or a quieter "
                        + "machine; could detect 25% or more");
        // the spread: 1.1 * sqrt(7.06 / 0.24) = 5.966
        assertDetects(new RatioInterval(1.29, 0.24, 7.06, 0.95, 3, 0.681, 2, 1), Verdict.Kind.INCONCLUSIVE, 5.966,
                "; could detect nothing below 6.0x");
    }

    private static void assertDetects(RatioInterval interval, Verdict.Kind kind, double ratio, String ending) {
        Verdict verdict = Verdict.of(interval, THRESHOLD_PCT, true, "A", "B", "replies/s");
        assertEquals(kind, verdict.kind(), verdict.line());
        assertEquals(ratio, verdict.detectable(), 0.0005, verdict.line());
        assertTrue(verdict.line().endsWith(ending), verdict.line());
    }

    @Test
    void theDetectableDifferenceIsRoundedUpAndReadAsAFactorOnceItIsLarge() {
        assertEquals("could detect 10% or more", Verdict.couldDetect(1.1));
        assertEquals("could detect 19% or more", Verdict.couldDetect(1.181));
        assertEquals("could detect nothing below 2.6x", Verdict.couldDetect(2.53));
        assertEquals("could detect nothing below 13x", Verdict.couldDetect(12.3));
        assertEquals("could detect nothing from fewer than 3 pairs", Verdict.couldDetect(null));
    }

    @Test
    void twoPairsThatHappenToAgreeDecideNothing() {
        // As in an A/A run of this project: two pairs of p99 ratios, both about 1.16.
        Verdict verdict = Verdict.of(RatioInterval.paired(new double[] {1000, 1200}, new double[] {1160, 1395}, 0.95),
                10, false, "nioA", "nioB", "latency p99");
        assertTrue(verdict.interval().low() > 1.1, "the interval alone would say ahead: " + verdict.interval());
        assertEquals(Verdict.Kind.INCONCLUSIVE, verdict.kind());
        assertTrue(verdict.line().contains("too few pairs to decide (at least 3); run at least 3 rounds"),
                verdict.line());
        assertNull(verdict.detectable());
        assertTrue(verdict.line().endsWith("; could detect nothing from fewer than 3 pairs"), verdict.line());
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
        assertNull(verdict.detectable());
        assertTrue(verdict.line().endsWith("; run at least 3 rounds (--rounds 3 or more); could detect nothing from "
                + "fewer than 3 pairs"), verdict.line());
    }

    @Test
    void theEstimateOfPairsNeededGrowsWithTheSpread() {
        String tight = Verdict.whatWouldSettle(new RatioInterval(1.2, 1.05, 1.37, 0.95, 3, 0.05, 3, 0), 1.1);
        String loose = Verdict.whatWouldSettle(new RatioInterval(1.2, 0.9, 1.6, 0.95, 3, 0.15, 2, 1), 1.1);
        assertTrue(tight.startsWith("about 4 pairs"), tight);
        assertTrue(loose.startsWith("about 12 pairs"), loose);
        // To the band itself, whatever the ratio: (2 * 0.05 / ln 1.1)^2 = 1.1, so one more than the 3 pairs;
        // (2 * 0.15 / ln 1.1)^2 = 9.9.
        String tightNarrow = Verdict.whatWouldNarrow(new RatioInterval(1.2, 1.05, 1.37, 0.95, 3, 0.05, 3, 0), 1.1,
                "10%");
        String looseNarrow = Verdict.whatWouldNarrow(new RatioInterval(1.2, 0.9, 1.6, 0.95, 3, 0.15, 2, 1), 1.1,
                "10%");
        assertTrue(tightNarrow.startsWith("about 4 pairs would narrow the interval to ±10%"), tightNarrow);
        assertTrue(looseNarrow.startsWith("about 10 pairs would narrow the interval to ±10%"), looseNarrow);
    }
}
