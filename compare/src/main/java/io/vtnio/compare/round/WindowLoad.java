package io.vtnio.compare.round;

import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.probe.CpuTimeSampler;
import io.vtnio.compare.report.summary.RoundCheck;
import java.util.List;

/**
 * The CPU figures of one measured window that say whether a round measured the server: the
 * server's and the generator's CPU time as shares of their own CPUs, and what the rest of the
 * machine took of those CPUs ({@code /proc/stat}'s busy time less theirs). Then
 * {@link RoundValidity} judges them.
 *
 * <p>Interrupt time is the one part of a CPU's busy time that no process may own. The kernel
 * charges an interrupt to the task it interrupted: a server's own network work on its CPU counts
 * as the server's when it interrupted the server, and as no one's when it came while the CPU was
 * idle (one idle round read 22% "other load" that way: softirq, not a process). So the foreign
 * share is the busy time no contestant accounts for, but never more than the busy time outside
 * interrupts that no contestant accounts for: a process running beside the contestants always
 * shows, network work nobody was charged with never does. {@code compare}'s own CPU time (its sampling, a few percent of
 * one CPU) is known but not where it ran: it is excused on every side rather than called foreign.
 *
 * <p>Threading: stateless.
 */
final class WindowLoad {

    private WindowLoad() {
    }

    /**
     * @param serverCpuSeconds the server's CPU time in the window, or null when unknown
     * @param machine          samples {@code /proc/stat}, the server, the generator and compare itself, at the same instants
     */
    static RoundCheck check(CpuPlan plan, Double serverCpuSeconds, CpuTimeSampler machine, MeasuredWindow window,
                            boolean closedPeak, Boolean steadyState) {
        double seconds = window.seconds();
        if (seconds <= 0) {
            return RoundValidity.judge(closedPeak, steadyState, plan.pinned(), null, null, null, null, null);
        }
        List<Integer> serverCpus = plan.pinned() ? plan.serverCpus() : plan.allowed();
        List<Integer> generatorCpus = plan.pinned() ? plan.generatorCpus() : plan.allowed();
        Double serverBusy = share(serverCpuSeconds, seconds, serverCpus.size());
        Double generatorBusy = share(machine.generatorCpuSecondsBetween(window.fromMs(), window.toMs()), seconds,
                generatorCpus.size());
        Double own = machine.ownCpuSecondsBetween(window.fromMs(), window.toMs());
        Double serverForeign;
        Double generatorForeign;
        if (plan.pinned()) {
            serverForeign = foreign(machine, serverCpus, window, serverBusy, share(own, seconds, serverCpus.size()));
            generatorForeign = foreign(machine, generatorCpus, window, generatorBusy,
                    share(own, seconds, generatorCpus.size()));
        } else {
            serverForeign = serverBusy == null || generatorBusy == null ? null
                    : foreign(machine, serverCpus, window, serverBusy + generatorBusy,
                            share(own, seconds, serverCpus.size()));
            generatorForeign = serverForeign;
        }
        return RoundValidity.judge(closedPeak, steadyState, plan.pinned(), Math.round(seconds * 1000) / 1000.0,
                serverBusy, generatorBusy, serverForeign, generatorForeign);
    }

    /** CPU seconds as a percentage of {@code cpus} CPUs over {@code seconds}, or null. */
    private static Double share(Double cpuSeconds, double seconds, int cpus) {
        return cpuSeconds == null || cpus <= 0 ? null : 100.0 * cpuSeconds / (seconds * cpus);
    }

    private static Double foreign(CpuTimeSampler machine, List<Integer> cpus, MeasuredWindow window,
                                  Double contestants, Double own) {
        return foreignPct(machine.busyPercentBetween(cpus, window.fromMs(), window.toMs()),
                machine.interruptPercentBetween(cpus, window.fromMs(), window.toMs()), contestants, own);
    }

    /**
     * The CPUs' busy share less the part the contestants account for, at most their busy share
     * outside interrupts (see the class comment), less compare's own share; at least 0; null when
     * unknown.
     */
    static Double foreignPct(Double cpusBusy, Double interrupts, Double contestants, Double own) {
        if (cpusBusy == null || contestants == null) {
            return null;
        }
        double unaccounted = cpusBusy - contestants;
        if (interrupts != null) {
            unaccounted = Math.min(unaccounted, cpusBusy - interrupts);
        }
        return Math.max(0, unaccounted - (own == null ? 0 : own));
    }
}
