package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.SummaryFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SideBySideTableTest {

    @Test
    void everyScenarioShowsBothServersTheRatioAndAVerdict() {
        StringWriter text = new StringWriter();
        SideBySideTable.print(new PrintWriter(text), SummaryFixture.summary(1, 1, 3));
        String table = text.toString();
        assertTrue(table.startsWith("vtnio compare: vt vs nio; medians ±sd over 3 rounds (vt nio, then nio vt, "
                + "alternating); server on CPU 1"), table);
        assertTrue(table.matches("(?s).*echo, peak throughput +vt +nio +nio/vt\n.*"), table);
        assertTrue(table.matches("(?s).*  replies/s +100,000 ±2% +120,000 ±2% +1\\.20x\n.*"), table);
        assertTrue(table.contains("  = nio ahead, 1.20x higher replies/s [1.20-1.20x] (95%, 3 pairs)"), table);
        assertTrue(table.matches("(?s).*  memory/connection +5\\.9 KiB ±0% +2\\.0 KiB ±0% +0\\.33x\n.*"), table);
        assertTrue(table.contains("Ratios divide medians by vt's."), table);
        assertTrue(table.contains("Verdicts: the 95% interval of the paired rounds' ratio against the 10% threshold"),
                table);
    }
}
