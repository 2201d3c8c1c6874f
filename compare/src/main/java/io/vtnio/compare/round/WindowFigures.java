package io.vtnio.compare.round;

import io.vtnio.compare.launch.StatsLine;
import io.vtnio.compare.probe.ContextSwitches;
import io.vtnio.compare.probe.GcLog;
import io.vtnio.compare.probe.ProcessSampler;
import io.vtnio.compare.report.summary.ProcessFigures;
import java.util.List;

/**
 * Turns what was sampled during one run into its {@link ProcessFigures}: CPU time, resident set,
 * threads, heap and GC pauses within the measured window (the span of the generator's interval
 * log), context switches and heap allocation per request of the window (each interpolated at
 * the window's edges between the looks around them), and, for a scenario that probes memory, the
 * cost of one connection.
 *
 * <p>Threading: stateless.
 */
final class WindowFigures {

    /** Samples this close outside the window still count for the peaks (a sample every 100 ms). */
    private static final long SLACK_MS = 150;

    private WindowFigures() {
    }

    /**
     * @param cpuSeconds     the server's CPU time in the window ({@code CpuTimeSampler}), or null when unknown
     * @param fromMs         start of the measured window, wall clock
     * @param toMs           its end
     * @param requests       requests the generator counted in the window
     * @param before         memory with no connection, or null
     * @param loaded         memory with every connection open, or null
     * @param connections    connections open at {@code loaded}
     * @param heapPreTouched whether the heap was resident from the start ({@code -XX:+AlwaysPreTouch}), so the
     *                       resident set grows only by native memory
     */
    static ProcessFigures compute(ProcessSampler sampler, Double cpuSeconds, List<StatsLine> stats, GcLog gc,
                                  long fromMs, long toMs, long requests, MemoryPoint before, MemoryPoint loaded,
                                  int connections, boolean heapPreTouched) {
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
        ContextSwitches switches = sampler.switchesBetween(fromMs, toMs);
        Double allocated = allocatedBytesBetween(stats, fromMs, toMs);
        return new ProcessFigures(cpuSeconds == null ? null : round(cpuSeconds, 3), cpuMicrosPerRequest,
                sampler.maxRssBetween(fromMs - SLACK_MS, toMs + SLACK_MS), heapUsed,
                sampler.maxThreadsBetween(fromMs - SLACK_MS, toMs + SLACK_MS),
                bytesPerConnection, heapPerConnection, nativePerConnection,
                gc == null ? null : gc.pauses(), gc == null ? null : gc.pauseMillis(),
                gc == null ? null : gc.forcedPauseMillis(),
                perRequest(switches == null ? null : (double) switches.voluntary(), requests, 3),
                perRequest(switches == null ? null : (double) switches.involuntary(), requests, 3),
                perRequest(allocated, requests, 1), null, null);
    }

    private static Double perRequest(Double total, long requests, int decimals) {
        return total == null || requests <= 0 ? null : round(total / requests, decimals);
    }

    /**
     * Heap bytes the server allocated between the two instants: its stats lines' {@code allocatedBytes}
     * interpolated at each edge between the lines around it (a line every 250 ms), or null when its lines
     * do not carry the field (a server of another kind, or an older vtnio) or none lies on both sides.
     */
    static Double allocatedBytesBetween(List<StatsLine> stats, long fromMs, long toMs) {
        List<StatsLine> known = stats.stream().filter(line -> line.snapshot().allocatedBytes() >= 0).toList();
        Double from = allocatedAt(known, fromMs);
        Double to = allocatedAt(known, toMs);
        return from == null || to == null ? null : Math.max(0.0, to - from);
    }

    private static Double allocatedAt(List<StatsLine> lines, long wallMs) {
        StatsLine before = null;
        StatsLine after = null;
        for (StatsLine line : lines) {
            if (line.wallMs() <= wallMs) {
                before = line;
            } else if (after == null) {
                after = line;
            }
        }
        if (before == null || after == null) {
            // Without a line on each side the edge would be a guess: no figure rather than a wrong one.
            return null;
        }
        double share = (double) (wallMs - before.wallMs()) / Math.max(1, after.wallMs() - before.wallMs());
        return before.snapshot().allocatedBytes()
                + share * (after.snapshot().allocatedBytes() - before.snapshot().allocatedBytes());
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
