package io.vtnio.loadgen.compare.round;

import io.vtnio.loadgen.compare.launch.CpuPlan;
import io.vtnio.loadgen.compare.probe.CpuTimeSampler;
import io.vtnio.loadgen.report.summary.RoundCheck;
import java.util.List;

/**
 * The CPU figures of one measured window that say whether a round measured the server: the
 * server's and the generator's CPU time as shares of their own CPUs, and what the rest of the
 * machine took of those CPUs ({@code /proc/stat}'s busy time less theirs). Then
 * {@link RoundValidity} judges them. {@code compare}'s own CPU time (its sampling, a few percent of
 * one CPU) is known but not where it ran: it is excused on every side rather than called foreign.
 *
 * <p>Threading: stateless.
 */
final class WindowLoad {

    private WindowLoad() {
    }

    /**
     * @param serverCpuSeconds the server's CPU time in the window ({@link WindowFigures}), or null when unknown
     * @param machine          samples {@code /proc/stat}, the generator (its watched process) and compare itself
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
        Double generatorBusy = share(machine.watchedCpuSecondsBetween(window.fromMs(), window.toMs()), seconds,
                generatorCpus.size());
        Double own = machine.ownCpuSecondsBetween(window.fromMs(), window.toMs());
        Double serverSide = machine.busyPercentBetween(serverCpus, window.fromMs(), window.toMs());
        Double serverForeign;
        Double generatorForeign;
        if (plan.pinned()) {
            serverForeign = foreign(serverSide, serverBusy, share(own, seconds, serverCpus.size()));
            generatorForeign = foreign(machine.busyPercentBetween(generatorCpus, window.fromMs(), window.toMs()),
                    generatorBusy, share(own, seconds, generatorCpus.size()));
        } else {
            serverForeign = serverBusy == null || generatorBusy == null ? null
                    : foreign(serverSide, serverBusy + generatorBusy, share(own, seconds, serverCpus.size()));
            generatorForeign = serverForeign;
        }
        return RoundValidity.judge(closedPeak, steadyState, plan.pinned(), Math.round(seconds * 1000) / 1000.0,
                serverBusy, generatorBusy, serverForeign, generatorForeign);
    }

    /** CPU seconds as a percentage of {@code cpus} CPUs over {@code seconds}, or null. */
    private static Double share(Double cpuSeconds, double seconds, int cpus) {
        return cpuSeconds == null || cpus <= 0 ? null : 100.0 * cpuSeconds / (seconds * cpus);
    }

    /**
     * The CPUs' busy share less the part the contestants account for and, up to that much again,
     * compare's own share; at least 0; null when unknown.
     */
    private static Double foreign(Double cpusBusy, Double contestants, Double own) {
        if (cpusBusy == null || contestants == null) {
            return null;
        }
        return Math.max(0, cpusBusy - contestants - (own == null ? 0 : own));
    }
}
