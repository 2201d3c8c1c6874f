package io.vtnio.compare.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vtnio.compare.launch.StatsLine;
import io.vtnio.core.MetricsSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowFiguresTest {

    @Test
    void allocationOfAWindowComesFromTheStatsLinesAroundItsEdges() {
        List<StatsLine> lines = List.of(line(1000, 1_000_000), line(1250, 2_000_000), line(1500, 4_000_000),
                line(1750, 6_000_000));
        assertEquals(3_500_000, WindowFigures.allocatedBytesBetween(lines, 1125, 1625), 1e-6,
                "1.5 MB at 1125 ms, 5 MB at 1625 ms");
        assertNull(WindowFigures.allocatedBytesBetween(lines, 1125, 2000), "no line after the end: no figure");
        List<StatsLine> unknown = List.of(line(1000, MetricsSnapshot.UNKNOWN), line(2000, MetricsSnapshot.UNKNOWN));
        assertNull(WindowFigures.allocatedBytesBetween(unknown, 1200, 1800),
                "a server whose lines do not carry it: not measured, not 0");
    }

    private static StatsLine line(long wallMs, long allocatedBytes) {
        return new StatsLine(wallMs, new MetricsSnapshot("stats", "vt", wallMs, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
                allocatedBytes, MetricsSnapshot.UNKNOWN));
    }
}
