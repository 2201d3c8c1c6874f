package io.vtnio.compare.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTicksTest {

    private static final String BEFORE = """
            cpu  2538 0 1999 46592 139 0 102 0 0 0
            cpu0 1000 0 500 8000 100 0 100 300 0 0
            cpu1 1356 0 1051 23104 122 0 52 0 0 0
            intr 90664 0 0 0
            ctxt 186393
            """;

    // cpu0 over 1,000 ticks: 300 user, 100 system, 400 idle, 0 iowait, 100 softirq, 100 steal (and
    // 50 guest, already inside user, so it must not count twice).
    private static final String AFTER = """
            cpu  3538 0 2999 47592 139 0 102 0 0 0
            cpu0 1300 0 600 8400 100 0 200 400 50 0
            cpu1 1356 0 1051 23104 122 0 52 0 0 0
            """;

    @Test
    void perCpuLinesAreParsedAndTheAllCpuLineAndOthersAreSkipped() {
        Map<Integer, CpuTicks> ticks = CpuTicks.parse(BEFORE);
        assertEquals(2, ticks.size());
        assertEquals(new CpuTicks(0, 8000, 100, 300, 100, 1000 + 500 + 8000 + 100 + 100 + 300), ticks.get(0));
        assertEquals(23104, ticks.get(1).idleTicks());
    }

    @Test
    void stealAndBusyAreSharesOfTheTicksBetweenTwoReadings() {
        CpuTicks before = CpuTicks.parse(BEFORE).get(0);
        CpuTicks after = CpuTicks.parse(AFTER).get(0);
        assertEquals(10.0, after.stealPercentSince(before), 1e-9);
        assertEquals(50.0, after.busyPercentSince(before), 1e-9, "user + system + softirq, steal excluded");
    }

    @Test
    void noTicksBetweenReadingsGiveNoShare() {
        CpuTicks cpu1 = CpuTicks.parse(BEFORE).get(1);
        assertNull(CpuTicks.parse(AFTER).get(1).stealPercentSince(cpu1));
        assertNull(cpu1.busyPercentSince(cpu1));
    }

    @Test
    void kernelsWithoutAStealColumnCountNoSteal() {
        CpuTicks old = CpuTicks.parse("cpu0 10 0 10 80 0 0 0\n").get(0);
        assertEquals(new CpuTicks(0, 80, 0, 0, 0, 100), old);
    }

    @Test
    void garbageIsSkipped() {
        assertEquals(Map.of(), CpuTicks.parse("cpufreq x y z w\ncpu7 1 2\n\n"));
    }
}
