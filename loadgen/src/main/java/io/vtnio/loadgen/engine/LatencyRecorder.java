package io.vtnio.loadgen.engine;

import io.vtnio.loadgen.result.HistogramRange;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One loop's latency and service-time recorders: two HdrHistogram {@link SingleWriterRecorder}s
 * of {@link HistogramRange}, fed in nanoseconds and storing microseconds.
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
public final class LatencyRecorder {

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

    private static SingleWriterRecorder newRecorder() {
        return new SingleWriterRecorder(HistogramRange.LOWEST_MICROS, HistogramRange.HIGHEST_MICROS,
                HistogramRange.SIGNIFICANT_DIGITS);
    }

    /** Records one reply: latency from the scheduled send, service time from the actual send. */
    public void record(long latencyNs, long serviceNs) {
        latency.recordValue(toMicros(latencyNs));
        if (service != null) {
            service.recordValue(toMicros(serviceNs));
        }
    }

    private static long toMicros(long nanos) {
        long micros = nanos / 1_000;
        return micros < 0 ? 0 : Math.min(micros, HistogramRange.HIGHEST_MICROS);
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
