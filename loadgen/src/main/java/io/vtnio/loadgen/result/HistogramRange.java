package io.vtnio.loadgen.result;

import org.HdrHistogram.Histogram;

/**
 * The range and precision of every latency histogram of the generator: 3 significant digits from
 * 1 µs to one hour, in microseconds. The recorders of a run, the totals it writes and the logs
 * {@code merge} reads all use it, so their histograms add up.
 *
 * <p>Threading: stateless.
 */
public final class HistogramRange {

    /** Lowest value told apart: 1 µs. */
    public static final long LOWEST_MICROS = 1;
    /** Highest value tracked: one hour in µs; larger values are clamped to it. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    /** Significant decimal digits kept. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private HistogramRange() {
    }

    /** An empty histogram of this range and precision. */
    public static Histogram newHistogram() {
        return new Histogram(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }
}
