package io.vtnio.compare.round;

import io.vtnio.compare.logs.IntervalLogFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * When a run measured and how many requests it counted: from the start of the first latency
 * interval of its interval log for the measured duration of its {@code --json} (so the drain
 * after the stop, whose last interval the log also holds, stays out: the server then closes
 * connections and its CPU time would be charged to no request), with the requests of that
 * window; or, without a log, the generator's whole lifetime.
 *
 * @param fromMs   start, wall clock
 * @param toMs     end, wall clock
 * @param requests requests counted in it
 */
record MeasuredWindow(long fromMs, long toMs, long requests) {

    /**
     * @param durationSeconds the measured time of the generator's {@code --json}
     * @param requests        the requests it counted in that time
     */
    static MeasuredWindow of(Path hlog, long generatorStartMs, long generatorEndMs, double durationSeconds,
                             long requests) {
        try {
            List<IntervalLogFile.Interval> intervals =
                    IntervalLogFile.tagged(IntervalLogFile.read(hlog), IntervalLogFile.LATENCY);
            if (!intervals.isEmpty()) {
                long fromMs = intervals.stream().mapToLong(IntervalLogFile.Interval::startMs).min().orElseThrow();
                long lastMs = intervals.stream().mapToLong(IntervalLogFile.Interval::endMs).max().orElseThrow();
                long toMs = durationSeconds > 0 ? Math.min(lastMs, fromMs + Math.round(durationSeconds * 1000))
                        : lastMs;
                return new MeasuredWindow(fromMs, toMs, requests);
            }
        } catch (IOException e) {
            // No usable interval log: fall back to the generator's lifetime.
        }
        return new MeasuredWindow(generatorStartMs, generatorEndMs, requests);
    }

    double seconds() {
        return (toMs - fromMs) / 1000.0;
    }

    boolean contains(long wallMs) {
        return wallMs >= fromMs && wallMs <= toMs;
    }
}
