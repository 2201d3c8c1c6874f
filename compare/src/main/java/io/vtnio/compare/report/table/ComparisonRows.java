package io.vtnio.compare.report.table;

import io.vtnio.compare.report.summary.OverloadFigures;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundCheck;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.stats.Spread;
import io.vtnio.loadgen.result.LatencyFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The rows of a scenario's side-by-side table, shared by the table on stdout and the HTML
 * report. Verdicts are not made here but from paired rounds ({@link PairedVerdicts}).
 *
 * <p>Threading: stateless.
 */
public final class ComparisonRows {

    private ComparisonRows() {
    }

    /**
     * Rows for {@code entries}, one per contestant in table order (null where a contestant has
     * none). Each figure is the median over the contestant's rounds, followed by its spread over
     * them ({@code 154,241 ±6%}) when there were two rounds or more.
     */
    /**
     * An overload scenario's own rows, first: the deciding p99 of the overload phase, how fast
     * latency, the backlog and memory grew in it, and the recovery after it.
     */
    private static List<MetricRow> overloadRows(List<ResultEntry> entries) {
        List<MetricRow> rows = new ArrayList<>();
        rows.add(row("p99, overload phase", entries, RoundResult::overloadP99Micros, Units::micros,
                MetricRow.Better.LOWER, false));
        rows.add(row("p99 growth/s, overload", entries, r -> overload(r, OverloadFigures::p99GrowthMicrosPerSec),
                Units::micros, MetricRow.Better.LOWER, false));
        rows.add(row("backlog growth/s, overload", entries, r -> overload(r, OverloadFigures::backlogGrowthPerSec),
                Units::count, MetricRow.Better.LOWER, false));
        rows.add(row("recovery (s)", entries, r -> overload(r, OverloadFigures::recoverySeconds),
                v -> String.format(Locale.ROOT, "%.0f s", v), MetricRow.Better.LOWER, false));
        rows.add(row("memory growth/s, overload", entries, r -> overload(r, OverloadFigures::rssGrowthBytesPerSec),
                Units::bytes, MetricRow.Better.LOWER, false));
        rows.add(row("heap growth/s, overload", entries, r -> overload(r, OverloadFigures::heapGrowthBytesPerSec),
                Units::bytes, MetricRow.Better.LOWER, true));
        rows.add(row("resident memory, peak", entries, r -> overload(r, o -> toDouble(o.peakRssBytes())),
                Units::bytes, MetricRow.Better.LOWER, false));
        rows.add(row("threads (OS), peak", entries, r -> overload(r, o -> toDouble(o.peakThreads())), Units::count,
                MetricRow.Better.NEITHER, true));
        rows.add(row("errors, overload and after", entries, r -> overload(r, o -> (double) o.errors()),
                Units::count, MetricRow.Better.LOWER, false));
        rows.add(row("connections refused", entries, r -> overload(r, o -> toDouble(o.refused())), Units::count,
                MetricRow.Better.LOWER, true));
        return rows;
    }

    private static Double overload(RoundResult round, Function<OverloadFigures, Number> figure) {
        if (round.overload() == null) {
            return null;
        }
        Number value = figure.apply(round.overload());
        return value == null ? null : value.doubleValue();
    }

    public static List<MetricRow> rows(ScenarioInfo scenario, List<ResultEntry> entries) {
        List<MetricRow> rows = new ArrayList<>();
        String unit = scenario.unit();
        // Idle rows whenever the scenario probes memory, so its deciding row exists even when a figure could not be had.
        boolean idle = scenario.name().equals("idle")
                || entries.stream().anyMatch(e -> e != null && e.process().bytesPerConnection() != null);
        if (scenario.name().equals("capacity")) {
            // The deciding row: a sweep's replies a second are its steps' together, a figure of the plan, not the server.
            rows.add(row("capacity/s", entries, RoundResult::capacityPerSec, Units::count, MetricRow.Better.HIGHER,
                    false));
            rows.add(row("server CPU/" + unit + " (step 1)", entries,
                    r -> r.sweep() == null || r.sweep().steps().isEmpty() ? null
                            : r.sweep().steps().getFirst().serverCpuPerRequestMicros(),
                    Units::micros, MetricRow.Better.LOWER, false));
        }
        if (scenario.name().startsWith("overload-")) {
            rows.addAll(overloadRows(entries));
        }
        rows.add(row(plural(unit) + "/s", entries, r -> r.figures().throughputPerSec(), Units::count,
                MetricRow.Better.HIGHER, scenario.name().equals("capacity"), true));
        rows.add(checkRow("server busy", entries, RoundCheck::serverBusyPct, false));
        rows.add(checkRow("generator busy", entries, RoundCheck::generatorBusyPct, false));
        rows.add(checkRow("other load", entries, check -> check.serverCpusForeignPct() == null ? null
                : Math.max(check.serverCpusForeignPct(), check.generatorCpusForeignPct() == null ? 0
                        : check.generatorCpusForeignPct()), true));
        rows.add(latencyRow("latency p50", entries, LatencyFigures::p50, false));
        rows.add(latencyRow("latency p90", entries, LatencyFigures::p90, true));
        rows.add(latencyRow("latency p99", entries, LatencyFigures::p99, false));
        rows.add(latencyRow("latency p99.9", entries, LatencyFigures::p999, false));
        rows.add(latencyRow("latency max", entries, LatencyFigures::max, true));
        if (entries.stream().anyMatch(e -> e != null && "open".equals(e.figures().model()))) {
            rows.add(entryRow("service time p99", entries, e -> (double) e.figures().serviceTimeMicros().p99(),
                    Units::micros, MetricRow.Better.LOWER, true));
        }
        rows.add(processRow("server CPU/" + unit, entries, ProcessFigures::cpuMicrosPerRequest, Units::micros,
                MetricRow.Better.LOWER, false));
        // Total CPU time grows with the work done: only CPU per request compares servers.
        rows.add(processRow("server CPU", entries, ProcessFigures::cpuSeconds, Units::seconds,
                MetricRow.Better.NEITHER, true));
        rows.addAll(ExplanationRows.rows(unit, entries));
        if (idle) {
            rows.add(processRow("memory/connection", entries, p -> toDouble(p.bytesPerConnection()), Units::bytes,
                    MetricRow.Better.LOWER, false));
            rows.add(processRow("heap/connection", entries, p -> toDouble(p.heapBytesPerConnection()), Units::bytes,
                    MetricRow.Better.LOWER, false));
            rows.add(processRow("native/connection", entries, p -> toDouble(p.nativeBytesPerConnection()),
                    Units::bytes, MetricRow.Better.LOWER, true));
            rows.add(processRow("full GC, conns open", entries, p -> p.fullGcMillis() == null ? null
                    : p.fullGcMillis() * 1000, Units::micros, MetricRow.Better.LOWER, false));
        }
        rows.add(processRow("threads (OS)", entries, p -> toDouble(p.threads()), Units::count,
                MetricRow.Better.NEITHER, false));
        rows.add(processRow("resident memory", entries, p -> toDouble(p.rssBytes()), Units::bytes,
                MetricRow.Better.LOWER, true));
        rows.add(processRow("heap used (peak)", entries, p -> toDouble(p.heapUsedBytes()), Units::bytes,
                MetricRow.Better.LOWER, true));
        rows.add(processRow("GC pauses", entries, p -> toDouble(p.gcPauses()), Units::count,
                MetricRow.Better.LOWER, true));
        rows.add(processRow("GC pause time", entries, p -> p.gcPauseMillis() == null ? null
                : p.gcPauseMillis() * 1000, Units::micros, MetricRow.Better.LOWER, true));
        rows.add(row("warm-up", entries, RoundResult::warmupSeconds, seconds -> String.format(Locale.ROOT, "%.1fs",
                seconds), MetricRow.Better.NEITHER, true));
        List<Double> errors = new ArrayList<>();
        for (ResultEntry entry : entries) {
            errors.add(entry == null ? null : (double) entry.figures().errors());
        }
        rows.add(new MetricRow("errors", errors,
                errors.stream().map(e -> e == null ? "n/a" : Units.count(e)).toList(), MetricRow.Better.LOWER, false));
        return rows;
    }

    /** The label of the row that matters most in {@code scenario}. */
    public static String decidingFigure(ScenarioInfo scenario) {
        return DecidingFigure.of(scenario).label();
    }

    private static MetricRow latencyRow(String label, List<ResultEntry> entries, Function<LatencyFigures, Long> field,
                                        boolean detail) {
        return row(label, entries, r -> r.figures().latencyMicros() == null ? null
                : (double) field.apply(r.figures().latencyMicros()),
                Units::micros, MetricRow.Better.LOWER, detail);
    }

    private static MetricRow processRow(String label, List<ResultEntry> entries,
                                        Function<ProcessFigures, Double> field, Function<Double, String> format,
                                        MetricRow.Better better, boolean detail) {
        return row(label, entries, r -> r.process() == null ? null : field.apply(r.process()), format, better,
                detail);
    }

    /**
     * A row of a round's busy shares ({@link RoundCheck}) as the range over every round that gave a
     * result (those left out too: their shares say why), e.g. {@code 91-96%}; a detail when no round
     * has the figure. It has no ratio: a share of CPUs says whether a round measured the server, not
     * which server is better.
     */
    private static MetricRow checkRow(String label, List<ResultEntry> entries, Function<RoundCheck, Double> field,
                                      boolean detail) {
        List<Double> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ResultEntry entry : entries) {
            List<Double> perRound = entry == null ? List.of() : entry.rounds().stream()
                    .filter(r -> r.succeeded() && r.check() != null).map(r -> field.apply(r.check()))
                    .filter(v -> v != null && Double.isFinite(v)).toList();
            if (perRound.isEmpty()) {
                values.add(null);
                texts.add("n/a");
            } else {
                double low = perRound.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double high = perRound.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                values.add(null);
                texts.add(Math.round(low) == Math.round(high) ? String.format(Locale.ROOT, "%.0f%%", low)
                        : String.format(Locale.ROOT, "%.0f-%.0f%%", low, high));
            }
        }
        return new MetricRow(label, values, texts, MetricRow.Better.NEITHER,
                detail || texts.stream().allMatch("n/a"::equals));
    }

    /** A row of per-round figures: the median of the rounds that count, with their spread. */
    static MetricRow row(String label, List<ResultEntry> entries, Function<RoundResult, Double> field,
                                 Function<Double, String> format, MetricRow.Better better, boolean detail) {
        return row(label, entries, field, format, better, detail, false);
    }

    /**
     * A row of per-round figures: the median over the rounds that count for such a figure
     * ({@link RoundResult#counts}; {@code throughput} for a throughput), or over every round that gave a
     * result when none counts, with their spread.
     */
    static MetricRow row(String label, List<ResultEntry> entries, Function<RoundResult, Double> field,
                         Function<Double, String> format, MetricRow.Better better, boolean detail, boolean throughput) {
        List<Double> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ResultEntry entry : entries) {
            List<RoundResult> counted = entry == null ? List.of()
                    : entry.rounds().stream().filter(r -> r.counts(throughput)).toList();
            List<RoundResult> used = !counted.isEmpty() || entry == null ? counted
                    : entry.rounds().stream().filter(RoundResult::succeeded).toList();
            List<Double> perRound = used.stream().map(field).filter(v -> v != null && Double.isFinite(v)).toList();
            if (perRound.isEmpty()) {
                values.add(null);
                texts.add("n/a");
            } else {
                Spread spread = Spread.of(perRound);
                values.add(spread.median());
                texts.add(format.apply(spread.median()) + spread.suffix());
            }
        }
        return new MetricRow(label, values, texts, better, detail);
    }

    /** A row of a figure only the contestant's entry holds (no per-round value). */
    private static MetricRow entryRow(String label, List<ResultEntry> entries, Function<ResultEntry, Double> field,
                                      Function<Double, String> format, MetricRow.Better better, boolean detail) {
        List<Double> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ResultEntry entry : entries) {
            Double value = entry == null || !entry.measured() ? null : field.apply(entry);
            values.add(value);
            texts.add(value == null ? "n/a" : format.apply(value));
        }
        return new MetricRow(label, values, texts, better, detail);
    }

    private static Double toDouble(Number value) {
        return value == null ? null : value.doubleValue();
    }

    /** The plural of a unit: {@code reply} → {@code replies}, {@code connection} → {@code connections}. */
    public static String plural(String unit) {
        return unit.endsWith("y") ? unit.substring(0, unit.length() - 1) + "ies" : unit + "s";
    }
}
