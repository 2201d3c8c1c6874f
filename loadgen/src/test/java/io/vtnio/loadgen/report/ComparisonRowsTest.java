package io.vtnio.loadgen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        assertEquals(-1, row(MetricRow.Better.NEITHER, 100.0, 150.0).best());
        assertEquals(-1, row(MetricRow.Better.HIGHER, 100.0, null).best());
    }

    @Test
    void shortVerdicts() {
        List<String> servers = List.of("vt", "nio");
        assertEquals("nio ahead, 1.50x higher", ComparisonRows.shortVerdict(row(MetricRow.Better.HIGHER, 100.0, 150.0), servers));
        assertEquals("vt ahead, 3.00x lower", ComparisonRows.shortVerdict(row(MetricRow.Better.LOWER, 1.0, 3.0), servers));
        assertEquals("even (within 10%)", ComparisonRows.shortVerdict(row(MetricRow.Better.LOWER, 1.0, 1.08), servers));
    }

    @Test
    void verdictOfAScenarioUsesItsDecidingFigure() {
        CompareSummary summary = SummaryFixture.summary(1, 1);
        ScenarioInfo idle = summary.scenarios().get(2);
        String verdict = ComparisonRows.verdict(idle, summary.serverNames(),
                List.of(summary.result("idle", "vt"), summary.result("idle", "nio")));
        assertEquals("nio ahead, 3.00x lower memory/connection: 5.9 KiB (vt) vs 2.0 KiB (nio)", verdict);
        assertNull(ComparisonRows.verdict(idle, List.of("vt"), List.of(summary.result("idle", "vt"))));
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
