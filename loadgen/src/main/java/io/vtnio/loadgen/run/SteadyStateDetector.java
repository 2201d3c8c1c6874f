package io.vtnio.loadgen.run;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Decides when a warm-up may end ({@code load --warmup auto}): when the server is warm, judged from
 * the throughput of consecutive short intervals and, where the server's stats lines are available,
 * from its JIT. Pure logic: it has no clock and no thread, it is fed observations with their times
 * and asked for a {@link Verdict}.
 *
 * <pre>{@code
 * SteadyStateDetector detector = new SteadyStateDetector(startNs, maxNs, openModel, watchJit);
 * detector.addInterval(replies, seconds, meanServiceMicros);   // every INTERVAL_NS
 * detector.addServerStats(readNs, uptimeMillis, compileMillis);  // every stats line read
 * if (detector.verdict(nowNs) != Verdict.WARMING) { ...start measuring... }
 * }</pre>
 *
 * <p>Steady means all of:
 * <ul>
 *   <li>at least {@link #MIN_WARMUP_NS} since the start;</li>
 *   <li>the last {@link #WINDOW_INTERVALS} intervals' throughput varies by at most
 *       {@link #MAX_THROUGHPUT_CV} (coefficient of variation) and has no upward trend beyond
 *       {@link #MAX_THROUGHPUT_RISE} of its mean over the window;</li>
 *   <li>open model only: their mean service time falls by no more than
 *       {@link #MAX_SERVICE_TIME_FALL} over the window;</li>
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
     * Open model: largest fall of the fitted mean service time over the window, as a share of its
     * mean. The schedule fixes throughput there, so a server still getting faster shows only in
     * its service time; service time is noisier than throughput, hence the wider bound.
     */
    static final double MAX_SERVICE_TIME_FALL = 0.10;
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

    private record Interval(double throughputPerSec, double meanServiceMicros) {
    }

    private record JitSample(long readNs, long uptimeMillis, long compileMillis) {
    }

    private final long startNs;
    private final long maxNs;
    private final boolean openModel;
    private final boolean watchJit;
    private final Deque<Interval> window = new ArrayDeque<>();
    private final Deque<JitSample> jitSamples = new ArrayDeque<>();
    private boolean jitReported;
    private boolean jitIgnored;

    /**
     * @param startNs   when warm-up traffic started, on the caller's clock
     * @param maxNs     the upper bound of the warm-up, measured from {@code startNs}; above 0
     * @param openModel true when a schedule fixes the rate, so service time is watched as well
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
     * @param replies           replies (chat: deliveries, hello: connects) in the interval, at least 0
     * @param seconds           its length, above 0
     * @param meanServiceMicros mean service time of those replies; ignored without replies
     */
    void addInterval(long replies, double seconds, double meanServiceMicros) {
        window.addLast(new Interval(replies / seconds, replies > 0 ? meanServiceMicros : Double.NaN));
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
        if (elapsedNs >= MIN_WARMUP_NS && throughputSteady() && serviceTimeSteady() && jitQuiet(nowNs)) {
            return Verdict.STEADY;
        }
        return elapsedNs >= maxNs ? Verdict.BOUND_REACHED : Verdict.WARMING;
    }

    /**
     * True once the JIT criterion has been dropped because the server's stats lines carry no
     * compilation time; from then on warm-up is judged by throughput only.
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

    private boolean serviceTimeSteady() {
        if (!openModel) {
            return true;
        }
        double[] values = window.stream().mapToDouble(Interval::meanServiceMicros).toArray();
        for (double value : values) {
            if (Double.isNaN(value)) {
                return false;
            }
        }
        return -slope(values) * values.length <= MAX_SERVICE_TIME_FALL * mean(values);
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
