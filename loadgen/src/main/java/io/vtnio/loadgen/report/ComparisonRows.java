package io.vtnio.loadgen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The rows of a scenario's side-by-side table, shared by the table on stdout and the HTML
 * report, and the one-line verdict for each scenario.
 *
 * <p>Threading: stateless.
 */
public final class ComparisonRows {

    private ComparisonRows() {
    }

    /** Rows for {@code entries}, one per contestant in table order (null where a contestant has none). */
    public static List<MetricRow> rows(ScenarioInfo scenario, List<ResultEntry> entries) {
        List<MetricRow> rows = new ArrayList<>();
        String unit = scenario.unit();
        boolean idle = entries.stream().anyMatch(e -> e != null && e.process().bytesPerConnection() != null);
        rows.add(row(plural(unit) + "/s", entries, ResultEntry::throughputPerSec, Units::count,
                MetricRow.Better.HIGHER, false));
        rows.add(latencyRow("latency p50", entries, LatencyFigures::p50, false));
        rows.add(latencyRow("latency p90", entries, LatencyFigures::p90, true));
        rows.add(latencyRow("latency p99", entries, LatencyFigures::p99, false));
        rows.add(latencyRow("latency p99.9", entries, LatencyFigures::p999, false));
        rows.add(latencyRow("latency max", entries, LatencyFigures::max, true));
        if (entries.stream().anyMatch(e -> e != null && "open".equals(e.model()))) {
            rows.add(row("service time p99", entries, e -> (double) e.serviceTimeMicros().p99(), Units::micros,
                    MetricRow.Better.LOWER, true));
        }
        rows.add(row("server CPU/" + unit, entries, e -> e.process().cpuMicrosPerRequest(), Units::micros,
                MetricRow.Better.LOWER, false));
        // Total CPU time grows with the work done: only CPU per request compares servers.
        rows.add(row("server CPU", entries, e -> e.process().cpuSeconds(), Units::seconds,
                MetricRow.Better.NEITHER, true));
        if (idle) {
            rows.add(row("memory/connection", entries, e -> toDouble(e.process().bytesPerConnection()), Units::bytes,
                    MetricRow.Better.LOWER, false));
            rows.add(row("heap/connection", entries, e -> toDouble(e.process().heapBytesPerConnection()), Units::bytes,
                    MetricRow.Better.LOWER, false));
            rows.add(row("native/connection", entries, e -> toDouble(e.process().nativeBytesPerConnection()),
                    Units::bytes, MetricRow.Better.LOWER, true));
            rows.add(row("full GC, conns open", entries, e -> e.process().fullGcMillis() == null ? null
                    : e.process().fullGcMillis() * 1000, Units::micros, MetricRow.Better.LOWER, false));
        }
        rows.add(row("threads (OS)", entries, e -> toDouble(e.process().threads()), Units::count,
                MetricRow.Better.NEITHER, false));
        rows.add(row("resident memory", entries, e -> toDouble(e.process().rssBytes()), Units::bytes,
                MetricRow.Better.LOWER, true));
        rows.add(row("heap used (peak)", entries, e -> toDouble(e.process().heapUsedBytes()), Units::bytes,
                MetricRow.Better.LOWER, true));
        rows.add(row("GC pauses", entries, e -> toDouble(e.process().gcPauses()), Units::count,
                MetricRow.Better.LOWER, true));
        rows.add(row("GC pause time", entries, e -> e.process().gcPauseMillis() == null ? null
                : e.process().gcPauseMillis() * 1000, Units::micros, MetricRow.Better.LOWER, true));
        List<Double> errors = new ArrayList<>();
        for (ResultEntry entry : entries) {
            errors.add(entry == null ? null : (double) entry.errors());
        }
        rows.add(new MetricRow("errors", errors,
                errors.stream().map(e -> e == null ? "n/a" : Units.count(e)).toList(), MetricRow.Better.LOWER, false));
        return rows;
    }

    /**
     * One sentence on how the first two contestants compare in the figure that matters most for
     * the scenario, e.g. {@code nio ahead: 193,352 vs 154,241 replies/s (1.25x)}.
     */
    public static String verdict(ScenarioInfo scenario, List<String> servers, List<ResultEntry> entries) {
        if (servers.size() < 2 || entries.get(0) == null || entries.get(1) == null
                || !entries.get(0).measured() || !entries.get(1).measured()) {
            return null;
        }
        String key = decidingFigure(scenario);
        MetricRow row = rows(scenario, entries.subList(0, 2)).stream()
                .filter(r -> r.label().equals(key)).findFirst().orElse(null);
        if (row == null || row.values().get(0) == null || row.values().get(1) == null) {
            return null;
        }
        double a = row.values().get(0);
        double b = row.values().get(1);
        int best = row.best();
        String figures = row.texts().get(0) + " (" + servers.get(0) + ") vs " + row.texts().get(1)
                + " (" + servers.get(1) + ")";
        if (best < 0) {
            return "even on " + key + ": " + figures;
        }
        double factor = best == 0 ? (row.better() == MetricRow.Better.HIGHER ? a / b : b / a)
                : (row.better() == MetricRow.Better.HIGHER ? b / a : a / b);
        String how = row.better() == MetricRow.Better.HIGHER ? "higher" : "lower";
        return String.format(Locale.ROOT, "%s ahead, %s %s %s: %s", servers.get(best), Units.ratio(factor), how,
                key, figures);
    }

    /** The label of the row that matters most in {@code scenario}. */
    public static String decidingFigure(ScenarioInfo scenario) {
        return switch (scenario.name()) {
            case "idle" -> "memory/connection";
            case "echo-latency", "fanout" -> "latency p99";
            default -> plural(scenario.unit()) + "/s";
        };
    }

    /** Who leads on {@code row} and by how much: {@code nio ahead, 1.59x higher}, {@code even (within 10%)}, {@code n/a}. */
    public static String shortVerdict(MetricRow row, List<String> servers) {
        if (row.values().stream().anyMatch(value -> value == null)) {
            return "n/a";
        }
        int best = row.best();
        if (best < 0) {
            return "even (within 10%)";
        }
        double runnerUp = Double.NaN;
        for (int i = 0; i < row.values().size(); i++) {
            if (i == best) {
                continue;
            }
            double value = row.values().get(i);
            boolean closer = row.better() == MetricRow.Better.HIGHER ? value > runnerUp : value < runnerUp;
            if (Double.isNaN(runnerUp) || closer) {
                runnerUp = value;
            }
        }
        double bestValue = row.values().get(best);
        double factor = row.better() == MetricRow.Better.HIGHER ? bestValue / runnerUp : runnerUp / bestValue;
        return servers.get(best) + " ahead, " + Units.ratio(factor) + (row.better() == MetricRow.Better.HIGHER
                ? " higher" : " lower");
    }

    private static MetricRow latencyRow(String label, List<ResultEntry> entries, Function<LatencyFigures, Long> field,
                                        boolean detail) {
        return row(label, entries, e -> (double) field.apply(e.latencyMicros()), Units::micros,
                MetricRow.Better.LOWER, detail);
    }

    private static MetricRow row(String label, List<ResultEntry> entries, Function<ResultEntry, Double> field,
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
