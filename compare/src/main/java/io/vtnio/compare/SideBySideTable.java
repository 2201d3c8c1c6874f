package io.vtnio.compare;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.report.table.ComparisonRows;
import io.vtnio.compare.report.table.CpuLines;
import io.vtnio.compare.report.table.MetricRow;
import io.vtnio.compare.report.table.Units;
import io.vtnio.compare.report.table.VerdictLines;
import io.vtnio.compare.round.RoundValidity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code compare} prints on stdout: per scenario, the median of every contestant over
 * its rounds with the spread of the rounds, the ratio of each median to the first, and the
 * verdict from the paired rounds' interval.
 *
 * <pre>
 * echo, peak throughput                   vt              nio    nio/vt
 *   replies/s                  154,241 ±4%      193,352 ±6%     1.25x
 *   latency p99                  2.17ms ±9%       1.78ms ±7%     0.82x
 *   ...
 *   = nio ahead, 1.25x higher replies/s [1.15-1.36x] (95%, 5 pairs)
 * </pre>
 *
 * <p>Threading: stateless.
 */
final class SideBySideTable {

    private static final int LABEL_WIDTH = 24;

    private SideBySideTable() {
    }

    static void print(PrintWriter out, CompareSummary summary) {
        List<String> servers = summary.serverNames();
        int width = Math.max(16, servers.stream().mapToInt(String::length).max().orElse(0) + 2);
        List<String> ratioNames = new ArrayList<>();
        for (int i = 1; i < servers.size(); i++) {
            ratioNames.add(servers.get(i) + "/" + servers.getFirst());
        }
        int ratioWidth = Math.max(8, ratioNames.stream().mapToInt(String::length).max().orElse(0) + 2);
        out.printf(Locale.ROOT, "vtnio compare: %s; medians ±sd over %s%d round%s (%s); %s%n",
                String.join(" vs ", servers), summary.roundsAuto() ? "up to " : "", summary.rounds(),
                summary.rounds() == 1 ? "" : "s", summary.order(), summary.pinning());
        for (String line : CpuLines.of(summary)) {
            out.println("  " + line);
        }
        for (ScenarioInfo scenario : summary.scenarios()) {
            List<ResultEntry> entries =
                    servers.stream().map(server -> summary.result(scenario.name(), server)).toList();
            out.println();
            StringBuilder head = new StringBuilder(pad(scenario.title(), LABEL_WIDTH + 2, false));
            int overflow = Math.max(0, head.length() - (LABEL_WIDTH + 2));
            for (int i = 0; i < servers.size(); i++) {
                head.append(pad(servers.get(i), width - (i == 0 ? overflow : 0), true));
            }
            for (String ratio : ratioNames) {
                head.append(pad(ratio, ratioWidth, true));
            }
            out.println(head);
            for (MetricRow row : ComparisonRows.rows(scenario, entries)) {
                if (row.detail()) {
                    continue;
                }
                StringBuilder line = new StringBuilder("  ").append(pad(row.label(), LABEL_WIDTH, false));
                for (String text : row.texts()) {
                    line.append(pad(text, width, true));
                }
                for (int i = 1; i < servers.size(); i++) {
                    line.append(pad(Units.ratio(row.ratio(i)), ratioWidth, true));
                }
                out.println(line);
            }
            List<ScenarioVerdict> verdicts = summary.verdicts(scenario.name());
            for (String line : VerdictLines.verdicts(verdicts)) {
                out.println("  = " + line);
            }
            for (String line : VerdictLines.disagreements(verdicts)) {
                out.println("  ! " + line);
            }
            List<String> leftOut = VerdictLines.leftOut(verdicts);
            if (!leftOut.isEmpty()) {
                out.println("  left out of the verdicts: " + String.join("; ", leftOut));
            }
        }
        out.println();
        if (servers.size() > 1) {
            out.println("Ratios divide medians by " + servers.getFirst() + "'s. More is better for the /s rows; less "
                    + "for latency, CPU, memory and errors.");
            out.printf(Locale.ROOT, "Verdicts: the 95%% interval of the paired rounds' ratio against the %s%% "
                    + "threshold: ahead (all beyond it), even (all within), inconclusive (neither); first on the "
                    + "scenario's deciding figure, then on server CPU per request. A round counts when it was steady, "
                    + "other processes took at most %.0f%% of the contestants' CPUs and, for a closed-loop peak, "
                    + "the server was at least %.0f%% busy.%n",
                    threshold(summary.thresholdPct()), RoundValidity.MOST_FOREIGN_PCT, RoundValidity.SATURATED_PCT);
        }
        for (String note : summary.notes()) {
            out.println("note: " + note);
        }
        out.flush();
    }

    private static String threshold(double pct) {
        return pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
    }

    private static String pad(String text, int width, boolean right) {
        if (text.length() >= width) {
            return right ? " " + text : text;
        }
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }
}
