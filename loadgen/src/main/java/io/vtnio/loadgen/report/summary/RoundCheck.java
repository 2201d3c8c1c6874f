package io.vtnio.loadgen.report.summary;

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
     * Least busy share of its CPUs that makes a server "saturated". A pinned server at its peak on
     * this machine reads 90-97% (the rest is the wake-ups it waits for); closed-loop rounds that
     * read 23-68% were the generator's or the machine's peak.
     */
    public static final double SATURATED_PCT = 90;

    /** Whether the round counts for a verdict on a throughput figure ({@code throughput}) or on any other. */
    public boolean counts(boolean throughput) {
        return leftOut == null || (throughputOnly && !throughput);
    }

    /** Whether the round counts for every verdict. */
    public boolean countsFully() {
        return leftOut == null;
    }
}
