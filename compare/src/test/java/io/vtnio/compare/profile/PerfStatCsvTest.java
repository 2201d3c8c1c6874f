package io.vtnio.compare.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.profile.SyscallFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfStatCsvTest {

    /** What {@code perf stat -x, -I 250 -o FILE} writes (perf 6), two events. */
    private static final String CSV = """
            # started on Mon Nov 30 01:40:55 2026

                 0.250548565,<not counted>,,syscalls:sys_enter_read,0,100.00,,
                 0.250548565,<not counted>,,raw_syscalls:sys_enter,0,100.00,,
                 0.500000000,1000,,syscalls:sys_enter_read,156775887,100.00,,
                 0.500000000,3000,,raw_syscalls:sys_enter,156775887,100.00,,
                 0.750000000,2000,,syscalls:sys_enter_read,156775887,100.00,,
                 0.750000000,5000,,raw_syscalls:sys_enter,156775887,100.00,,
                 1.000000000,4000,,syscalls:sys_enter_read,156775887,100.00,,
                 1.000000000,9000,,raw_syscalls:sys_enter,156775887,100.00,,
            """;

    @TempDir
    Path dir;

    @Test
    void wholeIntervalsCountWholeAndEdgesByTheirShare() {
        PerfStatCsv csv = PerfStatCsv.parse(CSV);
        assertFalse(csv.isEmpty());
        Map<String, Double> counts = csv.countsBetween(0.5, 1.0);
        assertEquals(6000, counts.get("syscalls:sys_enter_read"), 1e-6);
        assertEquals(14000, counts.get("raw_syscalls:sys_enter"), 1e-6);
        Map<String, Double> edges = csv.countsBetween(0.625, 0.875);
        assertEquals(1000 + 2000, edges.get("syscalls:sys_enter_read"), 1e-6, "half of 2000 and half of 4000");
        assertEquals(0, csv.countsBetween(0.0, 0.25).get("syscalls:sys_enter_read"), 1e-9,
                "<not counted>: the task did not run, so it made no call");
    }

    @Test
    void notSupportedEventsAreNamedAndOtherLinesSkipped() {
        PerfStatCsv csv = PerfStatCsv.parse("""
                # started on Mon Nov 30
                     0.250,<not supported>,,syscalls:sys_enter_epoll_wait,0,100.00,,
                     0.250,17,,syscalls:sys_enter_read,100,100.00,,
                Some warning perf printed
                """);
        assertEquals(java.util.List.of("syscalls:sys_enter_epoll_wait"), csv.unsupported());
        assertEquals(17, csv.countsBetween(0, 1).get("syscalls:sys_enter_read"), 1e-9);
        assertNull(csv.countsBetween(0, 1).get("syscalls:sys_enter_epoll_wait"), "not supported is not zero");
        assertTrue(PerfStatCsv.parse("# started on Mon\n\n").isEmpty());
    }

    @Test
    void perRequestDividesTheWindowsCountsByItsRequests() throws IOException {
        Path file = dir.resolve("run.perf.csv");
        Files.writeString(file, CSV);
        long perfStart = 1_000_000;
        SyscallFigures figures = SyscallCounter.perRequest(file, perfStart, perfStart + 500, perfStart + 1000, 2000);
        assertTrue(figures.measured());
        assertEquals(3.0, figures.perRequest().get("read"), 1e-9);
        assertEquals(7.0, figures.perRequest().get("all"), 1e-9);
        assertNull(figures.perRequest().get("futex"), "not counted by perf: absent, not 0");
    }

    @Test
    void withoutCountsTheFiguresSayWhyAndHoldNoZero() {
        SyscallFigures missing = SyscallCounter.perRequest(dir.resolve("none.csv"), 0, 0, 1000, 100);
        assertFalse(missing.measured());
        assertEquals("perf wrote no counts", missing.notMeasured());
        assertTrue(missing.perRequest().isEmpty());
    }

    @Test
    void theProbeSaysWhyPerfCannotBeUsed() throws InterruptedException {
        SyscallCounter absent = SyscallCounter.probe("/nonexistent/perf-" + ProcessHandle.current().pid());
        assertFalse(absent.available());
        assertEquals("perf not found", absent.notMeasured());
        SyscallCounter refused = SyscallCounter.judge("perf", 255, """
                Error:
                Access to performance monitoring and observability operations is limited.
                """);
        assertFalse(refused.available());
        assertEquals("perf refused (exit 255: Error:)", refused.notMeasured());
        SyscallCounter unsupported = SyscallCounter.judge("perf", 0, "<not supported>,,syscalls:sys_enter_futex,0,100.00,,\n");
        assertEquals("perf cannot count syscalls:sys_enter_futex", unsupported.notMeasured());
        assertTrue(SyscallCounter.judge("perf", 0, "3611,,syscalls:sys_enter_read,2588834,100.00,,\n").available());
    }

    @Test
    void theServerIsStartedUnderPerfWithEveryKind() {
        SyscallCounter counter = new SyscallCounter("perf", null);
        var command = counter.wrap(java.util.List.of("java", "-cp", "x.jar", "Main"), Path.of("/tmp/r.perf.csv"));
        assertEquals(java.util.List.of("perf", "stat", "-x,", "-I", "250", "-o", "/tmp/r.perf.csv", "-e",
                "syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_epoll_ctl,"
                        + "syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex,raw_syscalls:sys_enter",
                "--", "java", "-cp", "x.jar", "Main"), command);
    }
}
