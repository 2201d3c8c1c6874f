package io.vtnio.compare.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatioIntervalTest {

    @Test
    void pairedIntervalIsStudentsTOnTheLogRatios() {
        double[] a = {100, 100, 100};
        double[] b = {110, 120, 130};
        RatioInterval ratio = RatioInterval.paired(a, b, 0.95);
        double[] logs = {Math.log(1.1), Math.log(1.2), Math.log(1.3)};
        double mean = (logs[0] + logs[1] + logs[2]) / 3;
        double sd = Math.sqrt(((logs[0] - mean) * (logs[0] - mean) + (logs[1] - mean) * (logs[1] - mean)
                + (logs[2] - mean) * (logs[2] - mean)) / 2);
        double t = 4.302652729911275; // t(0.975, 2 degrees of freedom)
        assertEquals(Math.exp(mean), ratio.ratio(), 1e-12);
        assertEquals(Math.exp(mean - t * sd / Math.sqrt(3)), ratio.low(), 1e-9);
        assertEquals(Math.exp(mean + t * sd / Math.sqrt(3)), ratio.high(), 1e-9);
        assertEquals(3, ratio.samples());
    }

    @Test
    void theSmallestDetectableRatioIsTheBoundWidenedByTheHalfWidth() {
        double[] logs = {Math.log(1.1), Math.log(1.2), Math.log(1.3)};
        double mean = (logs[0] + logs[1] + logs[2]) / 3;
        double sd = Math.sqrt(((logs[0] - mean) * (logs[0] - mean) + (logs[1] - mean) * (logs[1] - mean)
                + (logs[2] - mean) * (logs[2] - mean)) / 2);
        double t = 4.302652729911275; // t(0.975, 2 degrees of freedom)
        RatioInterval ratio = RatioInterval.paired(new double[] {100, 100, 100}, new double[] {110, 120, 130}, 0.95);
        assertEquals(1.1 * Math.exp(t * sd / Math.sqrt(3)), ratio.smallestDetectableRatio(1.1), 1e-9);
        assertEquals(1.1 * Math.sqrt(1.6 / 1.4),
                new RatioInterval(1.5, 1.4, 1.6, 0.95, 5, 0.05, 5, 0).smallestDetectableRatio(1.1), 1e-12);
        RatioInterval single = RatioInterval.paired(new double[] {100}, new double[] {150}, 0.95);
        assertEquals(Double.POSITIVE_INFINITY, single.smallestDetectableRatio(1.1));
        assertThrows(IllegalArgumentException.class, () -> ratio.smallestDetectableRatio(0.9));
    }

    @Test
    void aRatioAndItsInverseAreSymmetric() {
        double[] a = {100, 90, 95, 105};
        double[] b = {120, 100, 118, 121};
        RatioInterval forward = RatioInterval.paired(a, b, 0.95);
        RatioInterval backward = RatioInterval.paired(b, a, 0.95);
        assertEquals(1 / forward.ratio(), backward.ratio(), 1e-12);
        assertEquals(1 / forward.high(), backward.low(), 1e-12);
    }

    @Test
    void unpairedUsesWelchAndNarrowsWithMoreRounds() {
        double[] base = {100, 104, 98, 101};
        double[] now = {90, 93, 88, 91};
        RatioInterval four = RatioInterval.unpaired(base, now, 0.95);
        RatioInterval eight = RatioInterval.unpaired(new double[] {100, 104, 98, 101, 100, 104, 98, 101},
                new double[] {90, 93, 88, 91, 90, 93, 88, 91}, 0.95);
        assertEquals(0.9, four.ratio(), 0.01);
        assertTrue(four.high() < 1, four.describe());
        assertTrue(eight.logHalfWidth() < four.logHalfWidth());
    }

    @Test
    void tooFewSamplesGiveAnUnboundedInterval() {
        RatioInterval single = RatioInterval.unpaired(new double[] {100}, new double[] {90, 91}, 0.95);
        assertFalse(single.bounded());
        assertEquals("0.90x [no interval from 1 sample]", single.describe());
    }

    @Test
    void rejectsFiguresARatioCannotUse() {
        assertThrows(IllegalArgumentException.class,
                () -> RatioInterval.paired(new double[] {0}, new double[] {1}, 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> RatioInterval.paired(new double[] {1, 2}, new double[] {1}, 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> RatioInterval.paired(new double[] {1}, new double[] {1}, 1.0));
    }

    @Test
    void spreadIsTheRelativeStandardDeviationAroundTheMedian() {
        Spread spread = Spread.of(List.of(90.0, 100.0, 110.0));
        assertEquals(100, spread.median(), 1e-12);
        assertEquals(10, spread.relativeSdPct(), 1e-9);
        assertEquals(" ±10%", spread.suffix());
        assertEquals("", Spread.of(List.of(5.0)).suffix());
    }
}
