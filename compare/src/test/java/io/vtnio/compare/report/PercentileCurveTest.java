package io.vtnio.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurveTest {

    @Test
    void wholeNinesAreLabelledAsPercentiles() {
        assertEquals("0%", PercentileCurve.label(0));
        assertEquals("90%", PercentileCurve.label(1));
        assertEquals("99%", PercentileCurve.label(2));
        assertEquals("99.9%", PercentileCurve.label(3));
        assertEquals("99.999%", PercentileCurve.label(5));
        assertEquals("", PercentileCurve.label(1.5));
    }

    @Test
    void curveRisesFromTheMedianToTheMaximumAtLog10OfTheCount() {
        Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            histogram.recordValue(i);
        }
        PercentileCurve curve = PercentileCurve.of(histogram);
        assertEquals(0.0, curve.nines()[0], 1e-9);
        assertEquals(4.0, curve.nines()[curve.nines().length - 1], 1e-9);
        assertEquals(10.0, curve.millis()[curve.millis().length - 1], 0.01);
        for (int i = 1; i < curve.nines().length; i++) {
            assertTrue(curve.nines()[i] >= curve.nines()[i - 1]);
            assertTrue(curve.millis()[i] >= curve.millis()[i - 1]);
        }
    }

    @Test
    void anEmptyHistogramHasNoPoints() {
        assertEquals(0, PercentileCurve.of(new Histogram(3)).nines().length);
    }
}
