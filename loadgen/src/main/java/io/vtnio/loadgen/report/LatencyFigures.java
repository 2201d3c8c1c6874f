package io.vtnio.loadgen.report;

/**
 * Latency percentiles in microseconds, the {@code latencyMicros} and {@code serviceTimeMicros}
 * objects of SPEC section 6.
 *
 * <p>Threading: immutable.
 */
public record LatencyFigures(long p50, long p90, long p99, long p999, long max, double mean) {

    public static final LatencyFigures ZERO = new LatencyFigures(0, 0, 0, 0, 0, 0.0);
}
