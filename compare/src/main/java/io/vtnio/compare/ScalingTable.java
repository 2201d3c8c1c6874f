package io.vtnio.compare;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ScalingInfo;
import io.vtnio.compare.report.table.Units;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code compare --scaling} prints after the side-by-side table: per scenario, each
 * contestant's requests a second and server CPU per request at every step of server CPUs.
 *
 * <pre>
 * scaling: this machine allows only 1 server CPU: ...
 * echo-peak           server CPUs          1
 *   vt                requests/s     154,241
 *   vt                CPU/request     6.1us
 * </pre>
 *
 * Prints nothing for a summary without {@code --scaling}.
 *
 * <p>Threading: stateless.
 */
final class ScalingTable {

    private static final int COLUMN = 12;

    private ScalingTable() {
    }

    static void print(PrintWriter out, CompareSummary summary) {
        ScalingInfo scaling = summary.scaling();
        if (scaling == null) {
            return;
        }
        out.println();
        out.println("scaling: " + scaling.explanation());
        List<Integer> steps = scaling.steps().stream().map(ScalingInfo.Step::serverCpus).toList();
        for (String scenario : scaling.scenarios()) {
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-16s%18s", scenario, "server CPUs"));
            steps.forEach(n -> head.append(String.format(Locale.ROOT, "%" + COLUMN + "d", n)));
            out.println(head);
            for (String server : summary.serverNames()) {
                List<ScalingInfo.Point> points = scaling.points(scenario, server);
                StringBuilder rate = new StringBuilder(String.format(Locale.ROOT, "  %-14s%18s", server, "requests/s"));
                StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, "  %-14s%18s", server, "CPU/request"));
                for (int n : steps) {
                    ScalingInfo.Point point = points.stream().filter(p -> p.serverCpus() == n).findFirst().orElse(null);
                    rate.append(cell(point == null || point.throughputPerSec() == null ? "n/a"
                            : Units.count(point.throughputPerSec())));
                    cpu.append(cell(point == null || point.cpuMicrosPerRequest() == null ? "n/a"
                            : Units.micros(point.cpuMicrosPerRequest())));
                }
                out.println(rate);
                out.println(cpu);
            }
        }
        out.flush();
    }

    private static String cell(String text) {
        return String.format(Locale.ROOT, "%" + COLUMN + "s", text);
    }
}
