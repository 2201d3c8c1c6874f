package io.vtnio.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One loop's latency and service-time recorders: two HdrHistogram {@link SingleWriterRecorder}s
 * with 3 significant digits from 1 µs to one hour, fed in nanoseconds and storing microseconds.
 * The reporter swaps out interval histograms without stopping the writer.
 *
 * <pre>{@code
 * recorder.record(nowNs - scheduledNs, nowNs - sentNs);   // loop thread, per reply
 * recorder.takeLatency(recycled);                         // reporter thread, once a second
 * }</pre>
 *
 * <p>Threading: {@link #record} from the owning loop thread only (single writer);
 * {@code take*} from the one reporter thread.
 */
final class LatencyRecorder {

    /** Lowest value told apart: 1 µs. */
    static final long LOWEST_MICROS = 1;
    /** Highest value tracked: one hour in µs; larger values are clamped to it. */
    static final long HIGHEST_MICROS = 3_600_000_000L;
    /** Significant decimal digits kept. */
    static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder latency = newRecorder();
    private final SingleWriterRecorder service;

    /**
     * @param separateServiceTime false in the closed model, where service time is latency: then
     *                            only latency is recorded and the reporter copies it
     */
    LatencyRecorder(boolean separateServiceTime) {
        this.service = separateServiceTime ? newRecorder() : null;
    }

    /** True when service time is recorded apart from latency (open model). */
    boolean separateServiceTime() {
        return service != null;
    }

    /** A histogram with the same range and precision as the recorders, for totals. */
    static Histogram newHistogram() {
        return new Histogram(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private static SingleWriterRecorder newRecorder() {
        return new SingleWriterRecorder(LOWEST_MICROS, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Records one reply: latency from the scheduled send, service time from the actual send. */
    void record(long latencyNs, long serviceNs) {
        latency.recordValue(toMicros(latencyNs));
        if (service != null) {
            service.recordValue(toMicros(serviceNs));
        }
    }

    private static long toMicros(long nanos) {
        long micros = nanos / 1_000;
        return micros < 0 ? 0 : Math.min(micros, HIGHEST_MICROS);
    }

    /** Latency recorded since the last call; {@code recycle} may be null or the histogram returned last time. */
    Histogram takeLatency(Histogram recycle) {
        return latency.getIntervalHistogram(recycle);
    }

    /**
     * Service time recorded since the last call; {@code recycle} as for {@link #takeLatency}.
     * Only when {@link #separateServiceTime}.
     */
    Histogram takeService(Histogram recycle) {
        return service.getIntervalHistogram(recycle);
    }
}
