package io.vtnio.loadgen.text;

import io.vtnio.loadgen.result.PhasesResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The phases of a run on a timetable ({@code load --phases}) in the summary on stdout, after the
 * totals: one row per phase, then the backlog at the end of each, the figure an overload test
 * watches (the per-second rows are in {@code --json}).
 *
 * <pre>
 * phase   offered/s   achieved/s        p50        p99        max   errors  backlog at end
 * 1          20,000       20,000       61us      2.1ms      9.8ms        0               3
 * 2          60,000       41,250     1.32 s     2.61 s     2.70 s        0         187,500
 * 3          20,000       38,902     2.10 s     2.71 s     2.75 s        0               0
 * </pre>
 *
 * <p>Threading: stateless.
 */
final class PhasesTable {

    private PhasesTable() {
    }

    static void print(PrintWriter out, PhasesResult phases) {
        out.printf(Locale.ROOT, "%-6s %11s %12s %10s %10s %10s %8s %15s%n", "phase", "offered/s", "achieved/s", "p50",
                "p99", "max", "errors", "backlog at end");
        for (PhasesResult.Phase phase : phases.phases()) {
            long backlog = phases.perSecond().stream().filter(second -> second.phase() == phase.phase())
                    .reduce((first, second) -> second).map(PhasesResult.Second::backlog).orElse(0L);
            out.printf(Locale.ROOT, "%-6d %,11.0f %,12.0f %10s %10s %10s %,8d %,15d%n", phase.phase(),
                    phase.offeredPerSec(), phase.achievedPerSec(), SummaryTable.micros(phase.latencyMicros().p50()),
                    SummaryTable.micros(phase.latencyMicros().p99()), SummaryTable.micros(phase.latencyMicros().max()),
                    phase.errors(), backlog);
        }
    }
}
