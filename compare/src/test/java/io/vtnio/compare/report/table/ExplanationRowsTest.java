package io.vtnio.compare.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.profile.SyscallFigures;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationRowsTest {

    @Test
    void switchesAndAllocationPerRequestHaveTheirMedianAndSpread() {
        List<ResultEntry> entries = List.of(
                entry("vt", figures(0.5, 0.01, 300.0, null), figures(0.7, 0.03, 320.0, null)),
                entry("nio", figures(0.1, 0.02, 150.0, null), figures(0.1, 0.02, 150.0, null)));
        List<MetricRow> rows = ExplanationRows.rows("reply", entries);
        MetricRow voluntary = row(rows, "switches/reply (vol)");
        assertEquals(0.6, voluntary.values().get(0), 1e-9);
        assertTrue(voluntary.texts().get(0).startsWith("0.600 ±"), voluntary.texts().toString());
        assertTrue(voluntary.texts().get(1).startsWith("0.100"), voluntary.texts().toString());
        assertEquals(1, voluntary.best(), "fewer switches is better");
        assertTrue(row(rows, "allocated/reply").texts().get(1).startsWith("150 B"));
        assertFalse(rows.stream().anyMatch(r -> r.label().startsWith("syscall")), "no --syscalls: no syscall rows");
    }

    @Test
    void aContestantThatPrintsNoAllocationReadsNotMeasuredNeverZero() {
        List<ResultEntry> entries = List.of(entry("vt", figures(0.5, 0.01, 300.0, null)),
                entry("go", figures(0.4, 0.01, null, null)));
        MetricRow allocated = row(ExplanationRows.rows("reply", entries), "allocated/reply");
        assertEquals("not measured", allocated.texts().get(1));
        assertEquals(null, allocated.values().get(1));
        assertEquals(-1, allocated.best());
    }

    @Test
    void syscallsByKindOrWhyTheyWereNotMeasured() {
        Map<String, Double> vt = new LinkedHashMap<>();
        vt.put("read", 2.01);
        vt.put("epoll_ctl", 1.0);
        vt.put("all", 4.2);
        Map<String, Double> nio = new LinkedHashMap<>();
        nio.put("read", 1.0);
        nio.put("epoll_ctl", 0.0);
        nio.put("all", 2.1);
        List<MetricRow> rows = ExplanationRows.rows("reply", List.of(
                entry("vt", figures(0.5, 0.01, 300.0, new SyscallFigures(vt, null))),
                entry("nio", figures(0.1, 0.01, 100.0, new SyscallFigures(nio, null)))));
        assertEquals("2.01", row(rows, "syscall read/reply").texts().get(0));
        assertEquals("0.000", row(rows, "syscall epoll_ctl/reply").texts().get(1), "a counted zero is a zero");
        assertEquals(4.2, row(rows, "syscalls/reply").values().get(0), 1e-9);

        SyscallFigures refused = SyscallFigures.notMeasured("perf not found");
        List<MetricRow> none = ExplanationRows.rows("reply", List.of(entry("vt", figures(0.5, 0.01, 300.0, refused)),
                entry("nio", figures(0.1, 0.01, 100.0, refused))));
        MetricRow why = row(none, "syscalls/reply");
        assertEquals(List.of("not measured (perf not found)", "not measured (perf not found)"), why.texts());
    }

    private static ProcessFigures figures(Double voluntary, Double involuntary, Double allocated,
                                          SyscallFigures syscalls) {
        return new ProcessFigures(1.0, 5.0, 1L << 20, 1L << 20, 10, null, null, null, 0, 0.0, null, voluntary,
                involuntary, allocated, syscalls, null);
    }

    private static ResultEntry entry(String server, ProcessFigures... rounds) {
        List<RoundResult> results = new ArrayList<>();
        for (int i = 0; i < rounds.length; i++) {
            LoadFigures figures = new LoadFigures("vtnio", "test", "echo", "closed", server, 10, 1.0, 1000, 0, 1000.0,
                    null, LatencyFigures.ZERO, LatencyFigures.ZERO);
            results.add(new RoundResult(i + 1, null, figures, rounds[i], null, null, null, null, null, null, 1.0, true));
        }
        return new ResultEntry("echo-peak", new LoadFigures("vtnio", "test", "echo", "closed", server, 10, 1.0, 1000, 0,
                1000.0, null, LatencyFigures.ZERO, LatencyFigures.ZERO), rounds[0], results);
    }

    private static MetricRow row(List<MetricRow> rows, String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + label + " in " + rows.stream().map(MetricRow::label).toList()));
    }
}
