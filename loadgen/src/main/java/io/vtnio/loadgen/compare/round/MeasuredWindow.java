package io.vtnio.loadgen.compare.round;

import io.vtnio.loadgen.report.summary.IntervalLogFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * When a run measured and how many requests it counted: the span of the latency intervals of its
 * interval log (drain included, whose replies answer requests of the window), or, without a log,
 * the generator's whole lifetime and the requests of its {@code --json}.
 *
 * @param fromMs   start, wall clock
 * @param toMs     end, wall clock
 * @param requests requests counted in it
 */
record MeasuredWindow(long fromMs, long toMs, long requests) {

    static MeasuredWindow of(Path hlog, long generatorStartMs, long generatorEndMs, long requests) {
        try {
            List<IntervalLogFile.Interval> intervals =
                    IntervalLogFile.tagged(IntervalLogFile.read(hlog), IntervalLogFile.LATENCY);
            if (!intervals.isEmpty()) {
                return new MeasuredWindow(
                        intervals.stream().mapToLong(IntervalLogFile.Interval::startMs).min().orElseThrow(),
                        intervals.stream().mapToLong(IntervalLogFile.Interval::endMs).max().orElseThrow(),
                        intervals.stream().mapToLong(IntervalLogFile.Interval::count).sum());
            }
        } catch (IOException e) {
            // No usable interval log: fall back to the generator's lifetime.
        }
        return new MeasuredWindow(generatorStartMs, generatorEndMs, requests);
    }

    boolean contains(long wallMs) {
        return wallMs >= fromMs && wallMs <= toMs;
    }
}
