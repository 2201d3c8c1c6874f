package io.vtnio.compare.round;

import io.vtnio.compare.report.summary.RoundCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a round measured the server ({@link RoundCheck}), from figures taken over its
 * measured window. The rules, in the order they are tried:
 * <ol>
 *   <li>the warm-up ended on a steady state (a run measured while still warming up, or while a
 *       queue still drained, measures the warm-up);</li>
 *   <li>other processes took at most {@link #MOST_FOREIGN_PCT} of the server's CPUs and of the
 *       generator's (a process sharing the server's CPU once produced a tenfold "lead" in a
 *       latency verdict);</li>
 *   <li>a closed-loop peak only: the server kept at least {@link #SATURATED_PCT} of its CPUs busy
 *       (otherwise the generator or the machine set the peak, not the server); when nothing is
 *       pinned, server and generator together kept that share of the shared CPUs busy.</li>
 * </ol>
 * Unknown figures (no {@code /proc}) never fail a rule: the round is then judged on what is known.
 *
 * <p>Threading: stateless.
 */
public final class RoundValidity {

    /**
     * Most of a side's CPU time other processes may take. A quiet run of this machine shows 1-4%
     * there (compare's own sampling, the shell, the kernel's housekeeping); a second build or
     * benchmark shows 20% and more.
     */
    public static final double MOST_FOREIGN_PCT = 10;

    /** Least busy share of its CPUs that makes a server saturated: {@link RoundCheck#SATURATED_PCT}. */
    public static final double SATURATED_PCT = RoundCheck.SATURATED_PCT;

    private RoundValidity() {
    }

    /**
     * @param closedPeak             whether the round's deciding figure is a closed loop's peak throughput
     * @param steadyState            whether the warm-up ended steady; null when it was fixed by hand
     * @param pinned                 whether server and generator ran on CPUs of their own
     * @param windowSeconds          length of the measured window
     * @param serverBusyPct          the server's busy share of its CPUs, or null
     * @param generatorBusyPct       the generator's of its CPUs, or null
     * @param serverCpusForeignPct   foreign load on the server's CPUs (all CPUs when not pinned), or null
     * @param generatorCpusForeignPct foreign load on the generator's CPUs, or null
     */
    public static RoundCheck judge(boolean closedPeak, Boolean steadyState, boolean pinned, Double windowSeconds,
                                   Double serverBusyPct, Double generatorBusyPct, Double serverCpusForeignPct,
                                   Double generatorCpusForeignPct) {
        List<String> reasons = new ArrayList<>();
        if (above(serverCpusForeignPct, MOST_FOREIGN_PCT)) {
            reasons.add(String.format(Locale.ROOT, "machine busy: other processes took %.0f%% of the %s",
                    serverCpusForeignPct, pinned ? "server's CPUs" : "CPUs"));
        }
        if (pinned && above(generatorCpusForeignPct, MOST_FOREIGN_PCT)) {
            reasons.add(String.format(Locale.ROOT, "machine busy: other processes took %.0f%% of the generator's CPUs",
                    generatorCpusForeignPct));
        }
        if (Boolean.FALSE.equals(steadyState)) {
            reasons.add("not steady: the warm-up reached its bound");
        }
        boolean throughputOnly = false;
        Boolean saturated = serverBusyPct == null ? null
                : (pinned ? serverBusyPct : serverBusyPct + (generatorBusyPct == null ? 0 : generatorBusyPct))
                        >= SATURATED_PCT;
        if (reasons.isEmpty() && closedPeak && saturated != null) {
            if (!saturated) {
                throughputOnly = true;
                boolean generatorBound = pinned && generatorBusyPct != null && generatorBusyPct >= SATURATED_PCT;
                // One decimal: "90% busy" would read as saturated when it was 89.6%.
                reasons.add(String.format(Locale.ROOT, "%s: server %.1f%% busy, generator %s", generatorBound
                        ? "generator-bound" : pinned ? "server not saturated" : "CPUs not saturated", serverBusyPct,
                        generatorBusyPct == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", generatorBusyPct)));
            }
        }
        String leftOut = reasons.isEmpty() ? null : String.join(", ", reasons);
        return new RoundCheck(windowSeconds, round(serverBusyPct), round(generatorBusyPct),
                round(serverCpusForeignPct), round(pinned ? generatorCpusForeignPct : serverCpusForeignPct), leftOut,
                throughputOnly, saturated);
    }

    private static boolean above(Double value, double bound) {
        return value != null && value > bound;
    }

    private static Double round(Double pct) {
        return pct == null ? null : Math.round(pct * 10) / 10.0;
    }
}
