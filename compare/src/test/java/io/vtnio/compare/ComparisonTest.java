package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.compare.report.SummaryFixture;
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
}
