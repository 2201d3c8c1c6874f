package io.vtnio.compare.report.summary;

/**
 * Whether one round measured the server, and the figures that say so, all taken over exactly its
 * measured window: how busy the server and the generator kept their own CPUs, and how much of
 * those CPUs went to anything else (foreign load, from {@code /proc/stat}). A round that was not
 * steady or shared its CPUs with foreign load is left out of every verdict; a closed-loop peak
 * whose server was not saturated is left out of the throughput verdict only, since its CPU per
 * request still measured the server.
 *
 * @param windowSeconds           length of the window the shares are taken over
 * @param serverBusyPct           the server's CPU time (whole process tree) in percent of its CPUs' time: 100 means
 *                                every CPU it was given, all the time; null when unknown
 * @param generatorBusyPct        the generator's, in percent of its CPUs' time; null when unknown
 * @param serverCpusForeignPct    time of the server's CPUs that went to other processes, in percent; when nothing
 *                                is pinned, of all CPUs (server and generator share them); null when unknown
 * @param generatorCpusForeignPct the same on the generator's CPUs; when nothing is pinned, the same figure
 * @param leftOut                 why the round is left out, or null when it counts
 * @param throughputOnly          whether only its throughput is left out (a peak whose server was not saturated)
 * @param saturated               whether the server kept its CPUs at least {@link #SATURATED_PCT} busy (not pinned:
 *                                server and generator together, the shared CPUs); null when unknown
 *
 * <p>Threading: immutable.
 */
public record RoundCheck(Double windowSeconds, Double serverBusyPct, Double generatorBusyPct,
                         Double serverCpusForeignPct, Double generatorCpusForeignPct, String leftOut,
                         boolean throughputOnly, Boolean saturated) {

    /**
     * Least busy share of its CPUs that makes a server "saturated". A closed loop of 100
     * connections on one CPU a side never keeps either side 100% busy (each waits out the other's
     * wake-ups): on this machine the pinned servers at their peak read 88-95% (vt 89-95%, nio
     * 88-93%, 2026-12-06), while rounds whose peak was the generator's read 74-84% (the generator
     * 94-98%) and rounds on a busy machine 23-68%. 85% lies in the gap; 90% cut through the
     * servers' own peaks and left out half of them.
     */
    public static final double SATURATED_PCT = 85;

    /** Whether the round counts for a verdict on a throughput figure ({@code throughput}) or on any other. */
    public boolean counts(boolean throughput) {
        return leftOut == null || (throughputOnly && !throughput);
    }

    /** Whether the round counts for every verdict. */
    public boolean countsFully() {
        return leftOut == null;
    }
}
