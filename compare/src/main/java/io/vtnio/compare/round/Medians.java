package io.vtnio.compare.round;

import io.vtnio.compare.report.profile.ProfileSummary;
import io.vtnio.compare.report.profile.SyscallFigures;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
import io.vtnio.loadgen.result.SweepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Folds the rounds of one contestant in one scenario into its {@link ResultEntry}: the median
 * of each figure over the rounds that gave a result (the mean of the middle two for an even
 * count), errors summed, and a round without a result counted as one error.
 *
 * <p>Threading: stateless.
 */
public final class Medians {

    private Medians() {
    }

    /**
     * The medians over the runs that count ({@link RunOutcome#counts}), or over every run that gave a
     * result when none counts (the verdicts then say why no pair counted).
     */
    public static ResultEntry entry(String scenario, String server, List<RunOutcome> runs, Path outDir) {
        List<RunOutcome> counted = runs.stream().filter(RunOutcome::counts).toList();
        List<RunOutcome> used = counted.isEmpty() ? runs.stream().filter(RunOutcome::succeeded).toList() : counted;
        List<LoadFigures> loads = used.stream().map(run -> run.load().figures()).toList();
        List<ProcessFigures> figures = used.stream().map(RunOutcome::process).toList();
        List<RoundResult> rounds = runs.stream().map(run -> run.toRoundResult(outDir)).toList();
        long errors = runs.stream().mapToLong(run -> run.succeeded() ? run.load().figures().errors() : 1).sum();
        if (loads.isEmpty()) {
            return new ResultEntry(scenario, new LoadFigures(LoadFigures.TOOL, ManifestVersionProvider.version(), null,
                    null, server, 0, 0.0, 0, errors, 0.0, null, LatencyFigures.ZERO, LatencyFigures.ZERO),
                    ProcessFigures.NONE, rounds);
        }
        LoadFigures first = loads.getFirst();
        return new ResultEntry(scenario, new LoadFigures(LoadFigures.TOOL, first.version(), first.mode(), first.model(),
                server, first.connections(),
                WindowFigures.round(median(loads, LoadFigures::durationSeconds), 3),
                Math.round(median(loads, load -> (double) load.requests())),
                errors,
                WindowFigures.round(median(loads, LoadFigures::throughputPerSec), 3),
                first.targetRatePerSec(),
                latency(loads.stream().map(LoadFigures::latencyMicros).toList()),
                latency(loads.stream().map(LoadFigures::serviceTimeMicros).toList())),
                process(figures), rounds, medianSweep(used));
    }

    /**
     * The sweep of the run whose capacity is the median (the lower middle of an even count), so that
     * one real run's steps draw the curve; null when no run swept. Runs whose sweep found no
     * capacity rank below every capacity.
     */
    static SweepResult medianSweep(List<RunOutcome> runs) {
        List<SweepResult> sweeps = runs.stream().map(run -> run.load().sweep()).filter(Objects::nonNull)
                .sorted(Comparator.comparingDouble(sweep -> sweep.capacity() == null
                        || sweep.capacity().perSec() == null ? -1 : sweep.capacity().perSec()))
                .toList();
        return sweeps.isEmpty() ? null : sweeps.get((sweeps.size() - 1) / 2);
    }

    static LatencyFigures latency(List<LatencyFigures> all) {
        List<LatencyFigures> known = all.stream().filter(Objects::nonNull).toList();
        if (known.isEmpty()) {
            return LatencyFigures.ZERO;
        }
        return new LatencyFigures(
                Math.round(median(known, l -> (double) l.p50())),
                Math.round(median(known, l -> (double) l.p90())),
                Math.round(median(known, l -> (double) l.p99())),
                Math.round(median(known, l -> (double) l.p999())),
                Math.round(median(known, l -> (double) l.max())),
                WindowFigures.round(median(known, LatencyFigures::mean), 3));
    }

    static ProcessFigures process(List<ProcessFigures> all) {
        return new ProcessFigures(
                decimal(all, ProcessFigures::cpuSeconds, 3),
                decimal(all, ProcessFigures::cpuMicrosPerRequest, 2),
                whole(all, ProcessFigures::rssBytes),
                whole(all, ProcessFigures::heapUsedBytes),
                intValue(whole(all, figures -> figures.threads() == null ? null : figures.threads().longValue())),
                whole(all, ProcessFigures::bytesPerConnection),
                whole(all, ProcessFigures::heapBytesPerConnection),
                whole(all, ProcessFigures::nativeBytesPerConnection),
                intValue(whole(all, figures -> figures.gcPauses() == null ? null : figures.gcPauses().longValue())),
                decimal(all, ProcessFigures::gcPauseMillis, 3),
                decimal(all, ProcessFigures::fullGcMillis, 3),
                decimal(all, ProcessFigures::voluntarySwitchesPerRequest, 3),
                decimal(all, ProcessFigures::involuntarySwitchesPerRequest, 3),
                decimal(all, ProcessFigures::allocatedBytesPerRequest, 1),
                syscalls(all),
                ProfileSummary.merge(all.stream().map(ProcessFigures::profile).toList()));
    }

    /** Per kind, the median over the rounds that counted; else the first round's reason; null when not asked for. */
    static SyscallFigures syscalls(List<ProcessFigures> all) {
        List<SyscallFigures> asked = all.stream().map(ProcessFigures::syscalls).filter(Objects::nonNull).toList();
        if (asked.isEmpty()) {
            return null;
        }
        List<SyscallFigures> measured = asked.stream().filter(SyscallFigures::measured).toList();
        if (measured.isEmpty()) {
            return asked.getFirst();
        }
        Map<String, Double> perRequest = new LinkedHashMap<>();
        for (String kind : measured.getFirst().perRequest().keySet()) {
            List<Double> values = measured.stream().map(s -> s.perRequest().get(kind)).filter(Objects::nonNull).toList();
            perRequest.put(kind, WindowFigures.round(median(values, Function.identity()), 3));
        }
        return new SyscallFigures(perRequest, null);
    }

    private static Integer intValue(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }

    private static Double decimal(List<ProcessFigures> all, Function<ProcessFigures, Double> field, int decimals) {
        List<Double> values = all.stream().map(field).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : WindowFigures.round(median(values, Function.identity()), decimals);
    }

    private static Long whole(List<ProcessFigures> all, Function<ProcessFigures, Long> field) {
        List<Double> values = all.stream().map(field).filter(Objects::nonNull).map(Long::doubleValue).toList();
        return values.isEmpty() ? null : Math.round(median(values, Function.identity()));
    }

    /** The median of {@code field} over {@code items}; at least one item. */
    static <T> double median(List<T> items, Function<T, Double> field) {
        List<Double> values = new ArrayList<>();
        for (T item : items) {
            values.add(field.apply(item));
        }
        values.sort(Double::compare);
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }
}
