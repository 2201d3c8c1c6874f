package io.vtnio.compare.report.table;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ContestantInfo;
import io.vtnio.compare.report.summary.CpuPlanInfo;
import io.vtnio.compare.report.summary.ScalingInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines that say what CPUs each contestant and the generator had and how they were told, for
 * the terminal table and the report:
 *
 * <pre>
 * vt: 1 CPU (CPU 1), 1 carrier (-Djdk.virtualThreadScheduler.parallelism=1)
 * nio: 1 CPU (CPU 1), 1 loop (--loops 1)
 * pt: 1 CPU (CPU 1), thread per connection
 * generator: 1 CPU (CPU 0), 1 thread (--threads 1)
 * </pre>
 *
 * Under {@code --scaling}, one line per step instead. Empty for a summary that does not record them.
 *
 * <p>Threading: stateless.
 */
public final class CpuLines {

    private CpuLines() {
    }

    /** The lines of a summary: its plan, or its scaling steps. */
    public static List<String> of(CompareSummary summary) {
        if (summary.scaling() != null) {
            List<String> lines = new ArrayList<>();
            for (ScalingInfo.Step step : summary.scaling().steps()) {
                lines.add(step(step));
            }
            return lines;
        }
        if (summary.cpuPlan() == null) {
            return List.of();
        }
        return of(summary.contestants(), summary.cpuPlan());
    }

    /** One line per contestant whose CPUs are recorded, then the generator's. */
    public static List<String> of(List<ContestantInfo> contestants, CpuPlanInfo plan) {
        List<String> lines = new ArrayList<>();
        for (ContestantInfo contestant : contestants) {
            if (contestant.allotmentLine() != null) {
                lines.add(contestant.allotmentLine());
            }
        }
        lines.add("generator: " + plan.generator());
        return lines;
    }

    /** {@code 2 server CPUs (CPUs 2-3): vt 2 carriers, nio 2 loops; generator 2 CPUs (CPUs 0-1), 2 threads ...}. */
    public static String step(ScalingInfo.Step step) {
        List<String> told = new ArrayList<>();
        String cpuText = null;
        for (ContestantInfo contestant : step.contestants()) {
            if (contestant.told() != null) {
                told.add(contestant.name() + " " + contestant.told());
                cpuText = contestant.cpuText();
            }
        }
        return (cpuText == null ? step.serverCpus() + " server CPUs" : "server " + cpuText) + ": "
                + String.join(", ", told) + "; generator " + step.cpuPlan().generator();
    }
}
