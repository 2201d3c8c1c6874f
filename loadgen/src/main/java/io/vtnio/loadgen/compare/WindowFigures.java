package io.vtnio.loadgen.compare;

import io.vtnio.loadgen.report.ProcessFigures;
import java.util.List;

/**
 * Turns what was sampled during one run into its {@link ProcessFigures}: CPU time, resident set,
 * threads, heap and GC pauses within the measured window (the span of the generator's interval
 * log), and, for a scenario that probes memory, the cost of one connection.
 *
 * <p>Threading: stateless.
 */
final class WindowFigures {

    /** Samples this close outside the window still count for the peaks (a sample every 100 ms). */
    private static final long SLACK_MS = 150;

    private WindowFigures() {
    }

    /**
     * @param fromMs         start of the measured window, wall clock
     * @param toMs           its end
     * @param requests       requests the generator counted in the window
     * @param before         memory with no connection, or null
     * @param loaded         memory with every connection open, or null
     * @param connections    connections open at {@code loaded}
     * @param heapPreTouched whether the heap was resident from the start ({@code -XX:+AlwaysPreTouch}), so the
     *                       resident set grows only by native memory
     */
    static ProcessFigures compute(ProcessSampler sampler, List<StatsLine> stats, GcLog gc, long fromMs, long toMs,
                                  long requests, MemoryPoint before, MemoryPoint loaded, int connections,
                                  boolean heapPreTouched) {
        Double cpuSeconds = sampler.cpuSecondsBetween(fromMs, toMs);
        Double cpuMicrosPerRequest = cpuSeconds == null || requests <= 0 ? null
                : round(cpuSeconds * 1e6 / requests, 2);
        Long heapUsed = null;
        for (StatsLine line : stats) {
            if (line.wallMs() >= fromMs - SLACK_MS && line.wallMs() <= toMs + SLACK_MS) {
                long heap = line.snapshot().heapUsedBytes();
                heapUsed = heapUsed == null ? heap : Math.max(heapUsed, heap);
            }
        }
        Long heapPerConnection = null;
        Long nativePerConnection = null;
        Long bytesPerConnection = null;
        if (before != null && loaded != null && connections > 0) {
            if (before.liveHeapBytes() != null && loaded.liveHeapBytes() != null) {
                heapPerConnection = (loaded.liveHeapBytes() - before.liveHeapBytes()) / connections;
            }
            if (before.rssBytes() >= 0 && loaded.rssBytes() >= 0) {
                long rssPerConnection = (loaded.rssBytes() - before.rssBytes()) / connections;
                if (heapPreTouched && heapPerConnection != null) {
                    nativePerConnection = rssPerConnection;
                    bytesPerConnection = heapPerConnection + rssPerConnection;
                } else {
                    bytesPerConnection = rssPerConnection;
                }
            } else {
                bytesPerConnection = heapPerConnection;
            }
        }
        return new ProcessFigures(cpuSeconds == null ? null : round(cpuSeconds, 3), cpuMicrosPerRequest,
                sampler.maxRssBetween(fromMs - SLACK_MS, toMs + SLACK_MS), heapUsed,
                sampler.maxThreadsBetween(fromMs - SLACK_MS, toMs + SLACK_MS),
                bytesPerConnection, heapPerConnection, nativePerConnection,
                gc == null ? null : gc.pauses(), gc == null ? null : gc.pauseMillis(),
                gc == null ? null : gc.forcedPauseMillis());
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
