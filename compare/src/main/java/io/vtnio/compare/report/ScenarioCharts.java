package io.vtnio.compare.report;

import io.vtnio.compare.logs.IntervalLogFile;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.OverloadFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.table.ComparisonRows;
import io.vtnio.loadgen.result.Capacity;
import io.vtnio.loadgen.result.SweepResult;
import io.vtnio.loadgen.result.SweepStep;
import io.vtnio.loadgen.run.LatencyObjective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The charts of one scenario, drawn from its entries and the interval logs their rounds name:
 * latency by percentile, throughput over time, memory per connection. Each method returns a PNG
 * data URI from {@link ChartRenderer}.
 *
 * <p>Threading: stateless apart from its two immutable fields.
 */
final class ScenarioCharts {

    /** Intervals shorter than this (a sliver at the end of a run) are left out of throughput over time. */
    private static final long SHORTEST_INTERVAL_MS = 100;

    private final Path outDir;
    private final List<String> servers;

    /** @param outDir where the rounds' relative file names resolve */
    ScenarioCharts(Path outDir, List<String> servers) {
        this.outDir = outDir;
        this.servers = List.copyOf(servers);
    }

    /**
     * An overload scenario's timeline, from each contestant's median round (by the p99 of its
     * overload phase): {@code figure} per second (p99 in ms, on a log scale; resident memory in
     * bytes).
     */
    String overload(List<ResultEntry> entries, String title, String yTitle,
                    java.util.function.Function<OverloadFigures.Second, Double> figure, boolean logY)
            throws IOException {
        List<double[][]> series = new ArrayList<>();
        List<Double> phaseStarts = new ArrayList<>();
        for (ResultEntry entry : entries) {
            OverloadFigures median = entry == null ? null : medianOverload(entry);
            if (median == null) {
                series.add(null);
                continue;
            }
            List<OverloadFigures.Second> seconds = median.perSecond().stream().filter(s -> figure.apply(s) != null)
                    .toList();
            double[][] points = new double[2][seconds.size()];
            for (int k = 0; k < seconds.size(); k++) {
                points[0][k] = seconds.get(k).second() + 1;
                points[1][k] = figure.apply(seconds.get(k));
            }
            series.add(points);
            if (phaseStarts.isEmpty()) {
                for (int k = 1; k < median.perSecond().size(); k++) {
                    if (median.perSecond().get(k).phase() != median.perSecond().get(k - 1).phase()) {
                        phaseStarts.add((double) median.perSecond().get(k).second());
                    }
                }
            }
        }
        return ChartRenderer.overTheTimetable(title, yTitle, servers, series, phaseStarts, logY);
    }

    /** The overload figures of the round whose overload-phase p99 is the median (the lower middle), or null. */
    private static OverloadFigures medianOverload(ResultEntry entry) {
        List<OverloadFigures> rounds = entry.rounds().stream().map(RoundResult::overload)
                .filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparingDouble(OverloadFigures::overloadP99Micros)).toList();
        return rounds.isEmpty() ? null : rounds.get((rounds.size() - 1) / 2);
    }

    /**
     * Latency against offered load from each contestant's median sweep ({@link ResultEntry#sweep}),
     * with the objective and each capacity; null when no entry swept.
     */
    String capacity(List<ResultEntry> entries) throws IOException {
        List<double[][]> curves = new ArrayList<>();
        List<Double> capacities = new ArrayList<>();
        Capacity any = null;
        for (ResultEntry entry : entries) {
            SweepResult sweep = entry == null ? null : entry.sweep();
            if (sweep == null) {
                curves.add(null);
                capacities.add(null);
                continue;
            }
            List<SweepStep> steps = sweep.steps().stream().filter(step -> step.requests() > 0)
                    .sorted(java.util.Comparator.comparingDouble(SweepStep::offeredPerSec)).toList();
            double[][] curve = new double[3][steps.size()];
            for (int k = 0; k < steps.size(); k++) {
                curve[0][k] = steps.get(k).offeredPerSec();
                curve[1][k] = Math.max(1, steps.get(k).latencyMicros().p50()) / 1000.0;
                curve[2][k] = Math.max(1, steps.get(k).latencyMicros().p99()) / 1000.0;
            }
            curves.add(curve);
            capacities.add(sweep.capacity() == null ? null : sweep.capacity().perSec());
            any = any != null ? any : sweep.capacity();
        }
        if (any == null) {
            throw new IOException("no sweep with a latency objective");
        }
        LatencyObjective objective = LatencyObjective.parse(any.objective());
        return ChartRenderer.latencyAgainstOfferedLoad("p99 solid, p50 dashed, capacity dotted",
                servers, curves, objective.bound().toNanos() / 1e6, any.objective(), capacities);
    }

    /** Latency by percentile, every round of each contestant merged, contestants overlaid. */
    String latency(List<ResultEntry> entries) throws IOException {
        List<PercentileCurve> curves = new ArrayList<>();
        for (ResultEntry entry : entries) {
            curves.add(entry == null ? null : PercentileCurve.of(mergedLatency(entry)));
        }
        String model = entries.stream().filter(e -> e != null && e.figures().model() != null)
                .map(e -> e.figures().model()).findFirst().orElse("closed");
        String title = "Latency by percentile" + ("open".equals(model) ? " (from scheduled send)" : "");
        return ChartRenderer.latencyByPercentile(title, servers, curves);
    }

    Histogram mergedLatency(ResultEntry entry) {
        Histogram merged = new Histogram(3);
        for (RoundResult round : entry.rounds()) {
            if (round.hlog() == null || round.failure() != null) {
                continue;
            }
            try {
                merged.add(IntervalLogFile.merge(IntervalLogFile.read(outDir.resolve(round.hlog())),
                        IntervalLogFile.LATENCY));
            } catch (IOException e) {
                // A missing log leaves that round out of the curve.
            }
        }
        return merged;
    }

    /** Throughput of every measured second of every run, runs in the order they ran. */
    String throughput(ScenarioInfo scenario, List<ResultEntry> entries) throws IOException {
        Map<ResultEntry, List<List<IntervalLogFile.Interval>>> logs = new LinkedHashMap<>();
        long startMs = Long.MAX_VALUE;
        for (ResultEntry entry : entries) {
            if (entry == null) {
                continue;
            }
            List<List<IntervalLogFile.Interval>> rounds = new ArrayList<>();
            for (RoundResult round : entry.rounds()) {
                List<IntervalLogFile.Interval> intervals = List.of();
                if (round.hlog() != null && round.failure() == null) {
                    try {
                        intervals = IntervalLogFile.tagged(IntervalLogFile.read(outDir.resolve(round.hlog())),
                                IntervalLogFile.LATENCY);
                    } catch (IOException e) {
                        // Left out of the chart.
                    }
                }
                for (IntervalLogFile.Interval interval : intervals) {
                    startMs = Math.min(startMs, interval.startMs());
                }
                rounds.add(intervals);
            }
            logs.put(entry, rounds);
        }
        List<List<double[][]>> runs = new ArrayList<>();
        for (ResultEntry entry : entries) {
            List<double[][]> mine = new ArrayList<>();
            if (entry != null) {
                List<List<IntervalLogFile.Interval>> rounds = logs.get(entry);
                for (int r = 0; r < rounds.size(); r++) {
                    mine.add(points(rounds.get(r), entry.rounds().get(r).figures().durationSeconds(), startMs));
                }
            }
            runs.add(mine);
        }
        return ChartRenderer.throughputOverTime("Throughput, each measured second",
                ComparisonRows.plural(scenario.unit()) + " per second", servers, runs);
    }

    /** Requests a second of each measured interval; the drain after {@code durationSeconds} is left out. */
    private static double[][] points(List<IntervalLogFile.Interval> intervals, double durationSeconds, long startMs) {
        List<double[]> points = new ArrayList<>();
        long runStartMs = intervals.stream().mapToLong(IntervalLogFile.Interval::startMs).min().orElse(0);
        long stopMs = durationSeconds > 0 ? runStartMs + Math.round(durationSeconds * 1000) - 50 : Long.MAX_VALUE;
        for (IntervalLogFile.Interval interval : intervals) {
            long lengthMs = interval.endMs() - interval.startMs();
            if (lengthMs < SHORTEST_INTERVAL_MS || interval.startMs() >= stopMs) {
                continue;
            }
            double middle = (interval.startMs() + lengthMs / 2.0 - startMs) / 1000.0;
            points.add(new double[] {middle, interval.count() * 1000.0 / lengthMs});
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    /** Memory per open connection: live heap and native, stacked, per contestant. */
    String memory(List<ResultEntry> entries) throws IOException {
        Map<String, List<Double>> parts = new LinkedHashMap<>();
        List<Double> heap = new ArrayList<>();
        List<Double> nativeMemory = new ArrayList<>();
        List<Double> unsplit = new ArrayList<>();
        for (ResultEntry entry : entries) {
            ProcessFigures process = entry == null ? ProcessFigures.NONE : entry.process();
            boolean split = process.heapBytesPerConnection() != null && process.nativeBytesPerConnection() != null;
            heap.add(split ? process.heapBytesPerConnection().doubleValue() : null);
            nativeMemory.add(split ? process.nativeBytesPerConnection().doubleValue() : null);
            unsplit.add(!split && process.bytesPerConnection() != null ? process.bytesPerConnection().doubleValue() : null);
        }
        parts.put("live heap (after full GC)", heap);
        parts.put("native (resident beyond the heap)", nativeMemory);
        if (unsplit.stream().anyMatch(value -> value != null)) {
            parts.put("resident growth (heap and native together)", unsplit);
        }
        return ChartRenderer.memoryPerConnection("Memory per open connection", servers, parts);
    }
}
