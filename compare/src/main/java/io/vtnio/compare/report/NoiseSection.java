package io.vtnio.compare.report;

import io.vtnio.compare.report.summary.MachineNoise;
import io.vtnio.compare.report.summary.NoiseCheckpoint;
import io.vtnio.compare.report.table.Units;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Shows {@link MachineNoise} to a reader: an HTML section for the report (one row per
 * checkpoint, the probe's time and the steal share per CPU, then the warnings) and one line for
 * the terminal, e.g. {@code machine noise: probe drift 4% (CPU 0), 12% (CPU 1); steal 0.0%}.
 *
 * <p>Threading: stateless.
 */
public final class NoiseSection {

    private NoiseSection() {
    }

    /**
     * The report's {@code <section class="noise">}, warning about drift above
     * {@code driftThresholdPercent} (0 or more) as {@link MachineNoise#warnings} does.
     */
    public static String html(MachineNoise noise, double driftThresholdPercent) {
        List<Integer> cpus = List.copyOf(MachineNoise.probedCpus(noise.checkpoints()));
        StringBuilder html = new StringBuilder("<section class=\"noise\" id=\"noise\">\n<h2>Machine noise</h2>\n");
        html.append("<p class=\"what\">At each checkpoint the same fixed CPU-bound work ran on each CPU; the table ")
                .append("shows its fastest repetition, so a larger time means that CPU was slower ")
                .append("then. Steal is the share of a CPU's time since the previous checkpoint that the hypervisor ")
                .append("gave to other guests.</p>\n");
        html.append("<table class=\"figures\">\n<thead><tr><th>checkpoint</th><th>time</th>");
        for (int cpu : cpus) {
            html.append("<th>CPU ").append(cpu).append(" probe</th><th>CPU ").append(cpu).append(" steal</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (NoiseCheckpoint checkpoint : noise.checkpoints()) {
            html.append("<tr><th>").append(HtmlReport.esc(checkpoint.label())).append("</th><td>")
                    .append(HtmlReport.esc(clock(checkpoint.wallTime()))).append("</td>");
            for (int cpu : cpus) {
                NoiseCheckpoint.CpuNoise figures = checkpoint.cpu(cpu);
                html.append("<td>").append(figures == null ? "-" : Units.micros(figures.probeMinMicros()))
                        .append("</td><td>").append(figures == null ? "-" : percent(figures.stealPercent()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("<tr class=\"detail\"><th>drift, highest steal</th><td></td>");
        for (int cpu : cpus) {
            html.append("<td>").append(drift(noise, cpu)).append("</td><td>").append(percent(highestSteal(noise, cpu)))
                    .append("</td>");
        }
        html.append("</tr>\n</tbody>\n</table>\n");
        List<String> warnings = noise.warnings(driftThresholdPercent);
        if (!warnings.isEmpty()) {
            html.append("<div class=\"notes\">");
            for (String warning : warnings) {
                html.append("<p>").append(HtmlReport.esc(warning)).append("</p>");
            }
            html.append("</div>\n");
        }
        return html.append("</section>\n").toString();
    }

    /** One line for the terminal: each CPU's probe drift and the highest steal. */
    public static String summaryLine(MachineNoise noise) {
        if (noise.checkpoints().isEmpty()) {
            return "machine noise: not measured";
        }
        String drifts = noise.probeDrifts().stream()
                .map(drift -> String.format(Locale.ROOT, "%.0f%% (CPU %d)", drift.driftPercent(), drift.cpu()))
                .collect(Collectors.joining(", "));
        return "machine noise: probe drift " + drifts + "; steal " + percent(noise.highestStealPercent());
    }

    private static String drift(MachineNoise noise, int cpu) {
        return noise.probeDrifts().stream().filter(drift -> drift.cpu() == cpu).findFirst()
                .map(drift -> String.format(Locale.ROOT, "%.0f%%", drift.driftPercent())).orElse("-");
    }

    private static Double highestSteal(MachineNoise noise, int cpu) {
        Double highest = null;
        for (NoiseCheckpoint checkpoint : noise.checkpoints()) {
            NoiseCheckpoint.CpuNoise figures = checkpoint.cpu(cpu);
            if (figures != null && figures.stealPercent() != null
                    && (highest == null || figures.stealPercent() > highest)) {
                highest = figures.stealPercent();
            }
        }
        return highest;
    }

    private static String percent(Double percent) {
        return percent == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** {@code 12:00:03} of {@code 2025-06-01T12:00:03.120Z}; the text as it is when it has no time. */
    private static String clock(String isoInstant) {
        int t = isoInstant == null ? -1 : isoInstant.indexOf('T');
        return t < 0 || isoInstant.length() < t + 9 ? isoInstant : isoInstant.substring(t + 1, t + 9);
    }
}
