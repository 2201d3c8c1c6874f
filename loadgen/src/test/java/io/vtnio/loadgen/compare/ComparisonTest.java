package io.vtnio.loadgen.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.loadgen.compare.round.Medians;
import io.vtnio.loadgen.report.SummaryFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void theLatencyRateIsHalfTheLowerPeakToTwoDigits() {
        var summary = SummaryFixture.summary(1.543, 1);
        var peaks = List.of(summary.result("echo-peak", "vt"), summary.result("echo-peak", "nio"));
        assertEquals(77_000, Comparison.latencyRate(peaks));
        assertEquals(0, Comparison.latencyRate(List.of()));
    }

    @Test
    void mediansTakeTheMiddleOrTheMeanOfTheMiddleTwo() {
        assertEquals(2.0, Medians.median(List.of(3.0, 1.0, 2.0), x -> x));
        assertEquals(2.5, Medians.median(List.of(4.0, 1.0, 2.0, 3.0), x -> x));
    }
}
