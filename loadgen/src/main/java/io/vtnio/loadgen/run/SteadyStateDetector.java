package io.vtnio.loadgen.run;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Decides when a warm-up may end ({@code load --warmup auto}): when the server is warm, judged from
 * consecutive short intervals (their throughput in the closed model, their median latency in the open
 * model) and, where the server's stats lines are available, from its JIT. Pure logic: it has no clock
 * and no thread, it is fed observations with their times and asked for a {@link Verdict}.
 *
 * <pre>{@code
 * SteadyStateDetector detector = new SteadyStateDetector(startNs, maxNs, openModel, watchJit);
 * detector.addInterval(replies, seconds, latencyP50Micros);      // every INTERVAL_NS
 * detector.addServerStats(readNs, uptimeMillis, compileMillis);  // every stats line read
 * if (detector.verdict(nowNs) != Verdict.WARMING) { ...start measuring... }
 * }</pre>
 *
 * <p>Steady means all of:
 * <ul>
 *   <li>at least {@link #MIN_WARMUP_NS} since the start;</li>
 *   <li>closed model: the last {@link #WINDOW_INTERVALS} intervals' throughput varies by at most
 *       {@link #MAX_THROUGHPUT_CV} (coefficient of variation) and has no upward trend beyond
 *       {@link #MAX_THROUGHPUT_RISE} of its mean over the window;</li>
 *   <li>open model, where the schedule holds the throughput whether the server keeps up or not: the
 *       last {@link #WINDOW_INTERVALS} intervals all have replies, their median latencies (counted
 *       from the scheduled send) differ by at most {@link #MAX_LATENCY_SPREAD} (highest over lowest,
 *       less 1), and their fitted change over the window, up or down, is at most
 *       {@link #MAX_LATENCY_TREND} of the lowest interval median of the warm-up. A falling latency is a
 *       server still warming up or a queue still draining, a rising one a queue building. Service time
 *       has no rule of its own: it is part of the latency, so a server still getting faster shows
 *       there;</li>
 *   <li>with server stats: the JIT is quiet, its compilation time growing by at most
 *       {@link #MAX_JIT_SHARE} of wall time over the last {@link #JIT_WINDOW_NS}, seen in two stats
 *       lines or more. If no line reports compilation time within {@link #JIT_REPORT_GRACE_NS},
 *       this criterion is dropped ({@link #jitIgnored}).</li>
 * </ul>
 * At {@code maxNs} the verdict is {@link Verdict#BOUND_REACHED} unless the run is steady then.
 *
 * <p>Threading: not thread-safe; one thread (the run's reporter) feeds and asks it.
 */
final class SteadyStateDetector {

    /** Length of one observed interval: short enough to see a trend within a second or two. */
    static final long INTERVAL_NS = 250_000_000L;
    /** Intervals judged together, 1.5 s: enough points for a slope, few enough to react soon. */
    static final int WINDOW_INTERVALS = 6;
    /**
     * Largest coefficient of variation of the window's throughput. A warm server on a quiet
     * machine varies by 1-3% from one 250 ms interval to the next; beyond 5% it is still
     * changing, or the machine is too noisy to measure anything finer anyway.
     */
    static final double MAX_THROUGHPUT_CV = 0.05;
    /**
     * Largest rise of the fitted throughput over the window, as a share of its mean. A server
     * still warming up gets faster; a downward slope is not warming, and its spread, if large,
     * fails the CV test.
     */
    static final double MAX_THROUGHPUT_RISE = 0.03;
    /**
     * Open model: largest spread of the window's interval median latencies, highest over lowest less 1.
     * A warm server on a quiet loopback holds its median within 1-2% from one 250 ms interval to the
     * next (183-184 µs at 20,000/s over 100 connections, 2 cores shared with the generator); 25% leaves
     * room for a neighbour's burst on a shared machine, while a window that still holds the tail of a
     * drain (4 ms beside 3.1 ms) fails it.
     */
    static final double MAX_LATENCY_SPREAD = 0.25;
    /**
     * Open model: largest fitted change of the window's median latency over the window, up or down,
     * as a share of the lowest interval median seen since the start. Noise alone of ±5% an interval
     * (a busy machine; a quiet one shows 1-2%) fits a change within ±15% in about 19 windows of 20, so a
     * larger one is a trend. It is measured against the lowest median rather than the window's own
     * mean because a queue that keeps building grows its latency in proportion to its age: against
     * its own mean, its rise over 1.5 s falls below 15% after about 11 s and would pass, while the
     * lowest median stays where the queue began. (A server that carries 14,500/s sent 20,000/s: by
     * 14 s its window's spread was down to 9%, its trend still +400% of the lowest median.)
     */
    static final double MAX_LATENCY_TREND = 0.15;
    /** Shortest warm-up, whatever the figures say: the first connections' setup is no steady state. */
    static final long MIN_WARMUP_NS = 1_000_000_000L;
    /** The span over which the JIT must have been quiet. */
    static final long JIT_WINDOW_NS = 1_000_000_000L;
    /**
     * Largest share of wall time the JIT may have spent compiling within the window (50 ms in a
     * second): C2 keeps recompiling the odd method for minutes, so "none at all" never comes.
     */
    static final double MAX_JIT_SHARE = 0.05;
    /** How long to wait for a stats line that reports compilation time before judging without it. */
    static final long JIT_REPORT_GRACE_NS = 2_000_000_000L;

    /** What the warm-up should do now. */
    enum Verdict {
        /** Not steady yet, and time is left: keep warming up. */
        WARMING,
        /** Steady: measure from now. */
        STEADY,
        /** Not steady, and the upper bound has come: measure anyway. */
        BOUND_REACHED
    }

    private record Interval(double throughputPerSec, double latencyP50Micros) {
    }

    private record JitSample(long readNs, long uptimeMillis, long compileMillis) {
    }

    private final long startNs;
    private final long maxNs;
    private final boolean openModel;
    private final boolean watchJit;
    private final Deque<Interval> window = new ArrayDeque<>();
    private final Deque<JitSample> jitSamples = new ArrayDeque<>();
    private double lowestLatencyP50Micros = Double.POSITIVE_INFINITY;
    private boolean jitReported;
    private boolean jitIgnored;

    /**
     * @param startNs   when warm-up traffic started, on the caller's clock
     * @param maxNs     the upper bound of the warm-up, measured from {@code startNs}; above 0
     * @param openModel true when a schedule fixes the rate, so latency is watched instead of throughput
     * @param watchJit  true when server stats lines will be fed ({@code --server-stats})
     */
    SteadyStateDetector(long startNs, long maxNs, boolean openModel, boolean watchJit) {
        if (maxNs <= 0) {
            throw new IllegalArgumentException("maxNs must be above 0, got " + maxNs);
        }
        this.startNs = startNs;
        this.maxNs = maxNs;
        this.openModel = openModel;
        this.watchJit = watchJit;
    }

    /**
     * One interval of traffic, in the order they happened.
     *
     * @param replies          replies (chat: deliveries, hello: connects) in the interval, at least 0
     * @param seconds          its length, above 0
     * @param latencyP50Micros median latency of those replies, from the scheduled send in the open
     *                         model; ignored without replies
     */
    void addInterval(long replies, double seconds, double latencyP50Micros) {
        // 1 µs, the histograms' resolution, keeps a ratio to the lowest median finite.
        double p50Micros = replies > 0 ? Math.max(latencyP50Micros, 1) : Double.NaN;
        window.addLast(new Interval(replies / seconds, p50Micros));
        if (p50Micros < lowestLatencyP50Micros) {
            lowestLatencyP50Micros = p50Micros;
        }
        while (window.size() > WINDOW_INTERVALS) {
            window.removeFirst();
        }
    }

    /**
     * One stats line of the server, in the order they were printed.
     *
     * @param readNs        when it was read, on the caller's clock
     * @param uptimeMillis  the line's {@code uptimeMillis}
     * @param compileMillis the line's {@code compileMillis}; below 0 when the server does not report it
     */
    void addServerStats(long readNs, long uptimeMillis, long compileMillis) {
        if (compileMillis < 0) {
            return;
        }
        jitReported = true;
        jitSamples.addLast(new JitSample(readNs, uptimeMillis, compileMillis));
        while (jitSamples.peekFirst().readNs() < readNs - JIT_WINDOW_NS) {
            jitSamples.removeFirst();
        }
    }

    /** Whether warm-up may end at {@code nowNs}. */
    Verdict verdict(long nowNs) {
        long elapsedNs = nowNs - startNs;
        if (watchJit && !jitReported && elapsedNs >= JIT_REPORT_GRACE_NS) {
            jitIgnored = true;
        }
        boolean intervalsSteady = openModel ? latencySteady() : throughputSteady();
        if (elapsedNs >= MIN_WARMUP_NS && intervalsSteady && jitQuiet(nowNs)) {
            return Verdict.STEADY;
        }
        return elapsedNs >= maxNs ? Verdict.BOUND_REACHED : Verdict.WARMING;
    }

    /**
     * True once the JIT criterion has been dropped because the server's stats lines carry no
     * compilation time; from then on warm-up is judged by its intervals only.
     */
    boolean jitIgnored() {
        return jitIgnored;
    }

    /** Coefficient of variation of the window's throughput, or NaN before the window is full. */
    double throughputCv() {
        if (window.size() < WINDOW_INTERVALS) {
            return Double.NaN;
        }
        double mean = mean(throughputs());
        return mean > 0 ? standardDeviation(throughputs(), mean) / mean : Double.POSITIVE_INFINITY;
    }

    /**
     * Open model: the spread of the window's interval median latencies (highest over lowest, less 1),
     * or NaN before the window is full of intervals with replies.
     */
    double latencySpread() {
        double[] values = latencies();
        if (values.length < WINDOW_INTERVALS || Arrays.stream(values).anyMatch(Double::isNaN)) {
            return Double.NaN;
        }
        return Arrays.stream(values).max().orElseThrow() / Arrays.stream(values).min().orElseThrow() - 1;
    }

    /**
     * Open model: the fitted change of the window's median latency over the window, as a share of the
     * lowest interval median of the warm-up (below 0 when falling), or NaN when {@link #latencySpread}
     * is.
     */
    double latencyTrend() {
        if (Double.isNaN(latencySpread())) {
            return Double.NaN;
        }
        double[] values = latencies();
        return slope(values) * values.length / lowestLatencyP50Micros;
    }

    /** Milliseconds the server's JIT compiled per second of the recent window, or NaN if unknown. */
    double jitMillisPerSec(long nowNs) {
        JitSample first = null;
        JitSample last = null;
        for (JitSample sample : jitSamples) {
            if (sample.readNs() >= nowNs - JIT_WINDOW_NS) {
                first = first == null ? sample : first;
                last = sample;
            }
        }
        if (first == null || last.uptimeMillis() <= first.uptimeMillis()) {
            return Double.NaN;
        }
        return 1000.0 * (last.compileMillis() - first.compileMillis()) / (last.uptimeMillis() - first.uptimeMillis());
    }

    private boolean throughputSteady() {
        if (window.size() < WINDOW_INTERVALS) {
            return false;
        }
        double[] values = throughputs();
        double mean = mean(values);
        return mean > 0 && standardDeviation(values, mean) <= MAX_THROUGHPUT_CV * mean
                && slope(values) * values.length <= MAX_THROUGHPUT_RISE * mean;
    }

    /** NaN (the window is not full, or an interval had no replies) fails both comparisons. */
    private boolean latencySteady() {
        return latencySpread() <= MAX_LATENCY_SPREAD && Math.abs(latencyTrend()) <= MAX_LATENCY_TREND;
    }

    /** Quiet when two samples or more within the window show compilation below the allowed share. */
    private boolean jitQuiet(long nowNs) {
        if (!watchJit || jitIgnored) {
            return true;
        }
        int samples = 0;
        for (JitSample sample : jitSamples) {
            if (sample.readNs() >= nowNs - JIT_WINDOW_NS) {
                samples++;
            }
        }
        double millisPerSec = jitMillisPerSec(nowNs);
        return samples >= 2 && !Double.isNaN(millisPerSec) && millisPerSec <= MAX_JIT_SHARE * 1000.0;
    }

    private double[] throughputs() {
        return window.stream().mapToDouble(Interval::throughputPerSec).toArray();
    }

    private double[] latencies() {
        return window.stream().mapToDouble(Interval::latencyP50Micros).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    /** Population standard deviation: the window is all there is to judge. */
    private static double standardDeviation(double[] values, double mean) {
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    /** Least-squares slope of {@code values} against their index: change per interval. */
    static double slope(double[] values) {
        int n = values.length;
        double meanX = (n - 1) / 2.0;
        double meanY = mean(values);
        double covariance = 0;
        double varianceX = 0;
        for (int i = 0; i < n; i++) {
            covariance += (i - meanX) * (values[i] - meanY);
            varianceX += (i - meanX) * (i - meanX);
        }
        return varianceX == 0 ? 0 : covariance / varianceX;
    }
}
