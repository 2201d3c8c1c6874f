package io.vtnio.compare.report.table;

import io.vtnio.compare.report.profile.SyscallFigures;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The rows that say why one server beats another, shared by the table on stdout and the HTML
 * report: context switches per request (voluntary: a server thread blocked; involuntary: it was
 * preempted), heap bytes allocated per request, and, with {@code compare --syscalls}, system calls
 * per request by kind. A figure that was not measured reads "not measured" (with the reason where
 * there is one), never zero.
 *
 * <p>Threading: stateless.
 */
public final class ExplanationRows {

    static final String NOT_MEASURED = "not measured";

    private ExplanationRows() {
    }

    /** The rows for {@code entries} (one per contestant in table order, null where none). */
    public static List<MetricRow> rows(String unit, List<ResultEntry> entries) {
        List<MetricRow> rows = new ArrayList<>();
        rows.add(notMeasured(ComparisonRows.row("switches/" + unit + " (vol)", entries,
                process(ProcessFigures::voluntarySwitchesPerRequest), ExplanationRows::perRequest,
                MetricRow.Better.LOWER, false), entries, null));
        rows.add(notMeasured(ComparisonRows.row("switches/" + unit + " (invol)", entries,
                process(ProcessFigures::involuntarySwitchesPerRequest), ExplanationRows::perRequest,
                MetricRow.Better.LOWER, false), entries, null));
        rows.add(notMeasured(ComparisonRows.row("allocated/" + unit, entries,
                process(ProcessFigures::allocatedBytesPerRequest), Units::bytes, MetricRow.Better.LOWER, false),
                entries, null));
        List<String> kinds = syscallKinds(entries);
        if (kinds.isEmpty() && entries.stream().anyMatch(e -> syscalls(e) != null)) {
            // Asked for, measured nowhere: one row that says why.
            rows.add(notMeasured(ComparisonRows.row("syscalls/" + unit, entries, r -> null, ExplanationRows::perRequest,
                    MetricRow.Better.LOWER, false), entries, ExplanationRows::syscalls));
        }
        for (String kind : kinds) {
            rows.add(notMeasured(ComparisonRows.row((kind.equals("all") ? "syscalls" : "syscall " + kind) + "/" + unit,
                    entries, r -> {
                        SyscallFigures figures = r.process() == null ? null : r.process().syscalls();
                        return figures == null ? null : figures.perRequest().get(kind);
                    }, ExplanationRows::perRequest, MetricRow.Better.LOWER, false), entries, ExplanationRows::syscalls));
        }
        return rows;
    }

    /** A figure per request: {@code 0.352}, {@code 2.05}, {@code 13.2}, {@code 1,204}. */
    static String perRequest(double value) {
        double size = Math.abs(value);
        String format = size < 1 ? "%.3f" : size < 10 ? "%.2f" : size < 1000 ? "%.1f" : "%,.0f";
        return String.format(Locale.ROOT, format, value);
    }

    private static Function<RoundResult, Double> process(Function<ProcessFigures, Double> field) {
        return r -> r.process() == null ? null : field.apply(r.process());
    }

    /** The kinds any contestant's system calls were counted by, in their order. */
    private static List<String> syscallKinds(List<ResultEntry> entries) {
        List<String> kinds = new ArrayList<>();
        for (ResultEntry entry : entries) {
            SyscallFigures figures = syscalls(entry);
            if (figures != null) {
                for (String kind : figures.perRequest().keySet()) {
                    if (!kinds.contains(kind)) {
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    private static SyscallFigures syscalls(ResultEntry entry) {
        return entry == null || entry.process() == null ? null : entry.process().syscalls();
    }

    /** {@code row} with "not measured (why)" where it says n/a for a contestant that was measured at all. */
    private static MetricRow notMeasured(MetricRow row, List<ResultEntry> entries,
                                         Function<ResultEntry, SyscallFigures> reasons) {
        List<String> texts = new ArrayList<>(row.texts());
        for (int i = 0; i < texts.size(); i++) {
            ResultEntry entry = entries.get(i);
            if (row.values().get(i) == null && entry != null && entry.measured()) {
                SyscallFigures figures = reasons == null ? null : reasons.apply(entry);
                String why = figures == null ? null : figures.notMeasured();
                texts.set(i, why == null ? NOT_MEASURED : NOT_MEASURED + " (" + why + ")");
            }
        }
        return new MetricRow(row.label(), row.values(), texts, row.better(), row.detail());
    }
}
