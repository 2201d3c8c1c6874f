package io.vtnio.loadgen.result;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in microseconds, the {@code latencyMicros} and {@code serviceTimeMicros}
 * objects of docs/load.md#json-summary: written by {@code load} and {@code merge}, read back by
 * {@code compare}, and folded into its report.
 *
 * <p>Threading: immutable.
 */
public record LatencyFigures(long p50, long p90, long p99, long p999, long max, double mean) {

    public static final LatencyFigures ZERO = new LatencyFigures(0, 0, 0, 0, 0, 0.0);

    /**
     * The figures of {@code histogram} as HdrHistogram gives them (each the highest value
     * equivalent to the recorded ones at 3 significant digits), the mean to 3 decimals;
     * {@link #ZERO} for an empty histogram.
     */
    public static LatencyFigures of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return ZERO;
        }
        return new LatencyFigures(
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                Math.round(histogram.getMean() * 1000.0) / 1000.0);
    }
}
