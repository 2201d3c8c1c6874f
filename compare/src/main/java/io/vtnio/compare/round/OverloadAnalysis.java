package io.vtnio.compare.round;

import io.vtnio.compare.launch.StatsLine;
import io.vtnio.compare.probe.ProcessSample;
import io.vtnio.compare.report.summary.OverloadFigures;
import io.vtnio.loadgen.result.PhasesResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Reads an overload round ({@link OverloadFigures}) from the generator's per-second rows of a
 * three-phase timetable (held, beyond, held again) and what was sampled of the server meanwhile:
 * its resident memory and threads from {@code /proc}, its heap and refusals from its stats lines.
 * Second {@code s} of the window ends at {@code windowFromMs + (s + 1) * 1000}.
 *
 * <p>Threading: stateless.
 */
final class OverloadAnalysis {

    /** The phase that overloads: the second of the three. */
    private static final int OVERLOAD_PHASE = 2;

    private OverloadAnalysis() {
    }

    /** @return the figures, or null when the run has no three phases to read */
    static OverloadFigures of(PhasesResult phases, long windowFromMs, List<ProcessSample> samples,
                              List<StatsLine> stats) {
        if (phases == null || phases.phases().size() != 3 || phases.perSecond().isEmpty()) {
            return null;
        }
        List<OverloadFigures.Second> timeline = new ArrayList<>();
        for (PhasesResult.Second second : phases.perSecond()) {
            long endMs = windowFromMs + (second.second() + 1) * 1000L;
            ProcessSample sample = lastAtOrBefore(samples, ProcessSample::wallMs, endMs);
            StatsLine line = lastAtOrBefore(stats, StatsLine::wallMs, endMs);
            timeline.add(new OverloadFigures.Second(second.second(), second.phase(), second.offeredPerSec(),
                    second.achievedPerSec(), second.p99Micros(), second.backlog(),
                    sample == null ? null : sample.rssBytes(),
                    line == null ? null : line.snapshot().heapUsedBytes(),
                    sample == null ? null : sample.threads()));
        }
        List<OverloadFigures.Second> overload = timeline.stream().filter(s -> s.phase() == OVERLOAD_PHASE).toList();
        List<OverloadFigures.Second> before = timeline.stream().filter(s -> s.phase() < OVERLOAD_PHASE).toList();
        if (overload.isEmpty()) {
            return null;
        }
        double overloadSeconds = overload.size();
        long backlogBefore = before.isEmpty() ? 0 : before.getLast().backlog();
        long windowToMs = windowFromMs + timeline.size() * 1000L;
        long refused = -1;
        StatsLine first = lastAtOrBefore(stats, StatsLine::wallMs, windowFromMs);
        StatsLine last = lastAtOrBefore(stats, StatsLine::wallMs, windowToMs);
        if (first != null && last != null) {
            refused = last.snapshot().connectionsRefused() - first.snapshot().connectionsRefused();
        }
        long errors = phases.perSecond().stream().filter(s -> s.phase() >= OVERLOAD_PHASE)
                .mapToLong(PhasesResult.Second::errors).sum();
        return new OverloadFigures(phases.phases().get(OVERLOAD_PHASE - 1).latencyMicros().p99(),
                slope(overload.stream().map(s -> (double) s.p99Micros()).toList()),
                (overload.getLast().backlog() - backlogBefore) / overloadSeconds,
                phases.recoverySeconds(),
                growth(before.isEmpty() ? null : before.getLast().rssBytes(), overload.getLast().rssBytes(),
                        overloadSeconds),
                growth(before.isEmpty() ? null : before.getLast().heapBytes(), overload.getLast().heapBytes(),
                        overloadSeconds),
                samples.stream().filter(s -> s.wallMs() >= windowFromMs && s.wallMs() <= windowToMs)
                        .mapToLong(ProcessSample::rssBytes).boxed().max(Long::compare).orElse(null),
                samples.stream().filter(s -> s.wallMs() >= windowFromMs && s.wallMs() <= windowToMs)
                        .map(ProcessSample::threads).max(Integer::compare).orElse(null),
                errors, refused < 0 ? null : refused, phases.objective(), timeline);
    }

    /** Least-squares slope of {@code values} against their index (a second apart); null for fewer than two. */
    static Double slope(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return null;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }

    private static Double growth(Long from, Long to, double seconds) {
        return from == null || to == null ? null : (to - from) / seconds;
    }

    /**
     * The last of {@code readings} (in time order, {@code time} giving their wall clock) taken at or
     * before {@code wallMs}, or null.
     */
    private static <T> T lastAtOrBefore(List<T> readings, ToLongFunction<T> time, long wallMs) {
        T last = null;
        for (T reading : readings) {
            if (time.applyAsLong(reading) <= wallMs) {
                last = reading;
            }
        }
        return last;
    }
}
