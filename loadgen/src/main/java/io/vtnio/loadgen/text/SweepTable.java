package io.vtnio.loadgen.text;

import io.vtnio.loadgen.result.Capacity;
import io.vtnio.loadgen.result.SweepResult;
import io.vtnio.loadgen.result.SweepStep;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The steps of a sweep in the summary on stdout, after the totals: one row per step in the order
 * run (a refining step marked {@code *}), then the capacity and why the sweep stopped early.
 *
 * <pre>
 * step    offered/s   achieved/s        p50        p99      p99.9        max   errors  server CPU/req  objective
 * 1          10,000       10,000       52us      180us      1.1ms      3.2ms        0          21.3us  met (180us)
 * 4*         35,000       34,987      1.2ms      4.6ms      7.0ms     12.1ms        0               -  met (4.6ms)
 * capacity at p99=5ms: 35,000/s (35,000/s met p99=5ms, 40,000/s did not)
 * </pre>
 *
 * <p>Threading: stateless.
 */
final class SweepTable {

    private SweepTable() {
    }

    static void print(PrintWriter out, SweepResult sweep) {
        out.printf(Locale.ROOT, "%-6s %11s %12s %10s %10s %10s %10s %8s %15s  %s%n", "step", "offered/s", "achieved/s",
                "p50", "p99", "p99.9", "max", "errors", "server CPU/req", "objective");
        for (SweepStep step : sweep.steps()) {
            Double cpu = step.serverCpuPerRequestMicros();
            String objective = step.meetsObjective() == null ? "-"
                    : (step.meetsObjective() ? "met" : "missed") + " (" + SummaryTable.micros(step.objectiveMicros()) + ")";
            out.printf(Locale.ROOT, "%-6s %,11.0f %,12.0f %10s %10s %10s %10s %,8d %15s  %s%n",
                    step.step() + (step.refinement() ? "*" : ""), step.offeredPerSec(), step.achievedPerSec(),
                    SummaryTable.micros(step.latencyMicros().p50()), SummaryTable.micros(step.latencyMicros().p99()),
                    SummaryTable.micros(step.latencyMicros().p999()), SummaryTable.micros(step.latencyMicros().max()),
                    step.errors(), cpu == null ? "-" : SummaryTable.micros(Math.round(cpu * 10) / 10.0), objective);
        }
        Capacity capacity = sweep.capacity();
        if (capacity != null) {
            out.printf(Locale.ROOT, "capacity at %s: %s (%s)%n", capacity.objective(),
                    capacity.perSec() == null ? "none measured"
                            : String.format(Locale.ROOT, "%s%,.0f/s", capacity.firstFailingPerSec() == null ? "at least "
                                    : "", capacity.perSec()),
                    capacity.note());
        }
        if (sweep.stoppedEarly() != null) {
            out.println("stopped early: " + sweep.stoppedEarly());
        }
    }
}
