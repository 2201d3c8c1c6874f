package io.vtnio.loadgen;

import org.HdrHistogram.Histogram;

/**
 * The percentiles of a latency histogram that the summary reports, in microseconds, as
 * HdrHistogram gives them (each the highest value equivalent to the recorded ones at 3
 * significant digits). All zero for an empty histogram.
 *
 * <p>Threading: immutable.
 */
record LatencyStats(long p50, long p90, long p99, long p999, long max, double mean) {

    static LatencyStats of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0.0);
        }
        return new LatencyStats(
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                Math.round(histogram.getMean() * 1000.0) / 1000.0);
    }
}
