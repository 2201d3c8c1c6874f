package io.vtnio.compare.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vtnio.compare.report.SummaryFixture;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonRowsTest {

    private static MetricRow row(MetricRow.Better better, Double... values) {
        return new MetricRow("x", Arrays.asList(values), Arrays.stream(values).map(String::valueOf).toList(), better, false);
    }

    @Test
    void ratiosDivideByTheFirstContestant() {
        assertEquals(1.5, row(MetricRow.Better.HIGHER, 100.0, 150.0).ratio(1), 1e-9);
        assertEquals(Double.NaN, row(MetricRow.Better.HIGHER, 0.0, 150.0).ratio(1));
    }

    @Test
    void theBestIsNamedOnlyBeyondTenPercent() {
        assertEquals(1, row(MetricRow.Better.HIGHER, 100.0, 150.0).best());
        assertEquals(0, row(MetricRow.Better.LOWER, 100.0, 150.0).best());
        assertEquals(-1, row(MetricRow.Better.HIGHER, 100.0, 109.0).best());
        assertEquals(1, row(MetricRow.Better.HIGHER, 100.0, 109.0).best(0.05), "--threshold 5: 9% leads");
        assertEquals(-1, row(MetricRow.Better.HIGHER, 100.0, 120.0).best(0.25), "--threshold 25: 20% is even");
        assertEquals(-1, row(MetricRow.Better.NEITHER, 100.0, 150.0).best());
        assertEquals(-1, row(MetricRow.Better.HIGHER, 100.0, null).best());
    }

    @Test
    void everyFigureCarriesItsSpreadOverRounds() {
        CompareSummary summary = SummaryFixture.summary(1, 1, 3);
        ScenarioInfo peak = summary.scenarios().getFirst();
        List<MetricRow> rows = ComparisonRows.rows(peak,
                List.of(summary.result("echo-peak", "vt"), summary.result("echo-peak", "nio")));
        MetricRow throughput = rows.getFirst();
        assertEquals("replies/s", throughput.label());
        assertEquals("100,000 ±2%", throughput.texts().get(0));
        assertEquals(100_000, throughput.values().get(0), 1e-6);
    }

    @Test
    void verdictOfAScenarioComesFromItsPairedRoundsOnTheDecidingFigure() {
        CompareSummary summary = SummaryFixture.summary(1, 1, 3);
        ScenarioVerdict idle = summary.verdicts("idle").getFirst();
        assertEquals("heap/connection", idle.figure());
        assertEquals("ahead", idle.verdict());
        assertEquals("nio", idle.leader());
        assertEquals("nio ahead, 3.50x lower heap/connection [3.50-3.50x] (95%, 3 pairs); could detect 10% or more",
                idle.line());
        ScenarioVerdict single = SummaryFixture.summary(1, 1).verdicts("echo-peak").getFirst();
        assertEquals("inconclusive", single.verdict());
        assertNull(single.high());
    }

    @Test
    void unitsReadAsPeopleWriteThem() {
        assertEquals("45us", Units.micros(45));
        assertEquals("6.1us", Units.micros(6.1));
        assertEquals("1.20ms", Units.micros(1200));
        assertEquals("3.50s", Units.micros(3_500_000));
        assertEquals("512 B", Units.bytes(512));
        assertEquals("3.4 KiB", Units.bytes(3.4 * 1024));
        assertEquals("321 MiB", Units.bytes(321L << 20));
        assertEquals("1.25x", Units.ratio(1.25));
        assertEquals("-", Units.ratio(Double.NaN));
    }
}
