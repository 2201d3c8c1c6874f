package io.vtnio.loadgen.text;

import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
import io.vtnio.loadgen.result.LoadSummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The human summary printed on stdout at the end of {@code load} and {@code merge}: counts,
 * throughput, then latency and service time by percentile; a sweep adds its steps ({@link SweepTable}),
 * a timetable its phases ({@link PhasesTable}).
 *
 * <pre>
 * requests      1,234,567   throughput 123,456.7/s   errors 0       (chat: deliveries, hello: connects)
 * warm-up            3.25s   steady state detected      (a fixed warm-up: just the time)
 *                 p50        p90        p99      p99.9        max       mean
 * latency        45us       80us      210us     1.20ms     12.1ms     52.3us
 * service        45us       80us      210us     1.20ms     12.1ms     52.3us
 * </pre>
 *
 * <p>Threading: stateless.
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static void print(PrintWriter out, String title, LoadSummary summary) {
        out.println(title);
        LoadFigures figures = summary.figures();
        // The JSON calls them all requests; the table says what was counted.
        String counted = switch (String.valueOf(figures.mode())) {
            case "chat" -> "deliveries";
            case "hello" -> "connects";
            default -> "requests";
        };
        String targetUnit = switch (String.valueOf(figures.mode())) {
            case "chat" -> " lines";
            case "hello" -> " connects";
            default -> "";
        };
        out.printf(Locale.ROOT, "%-10s %,14d   throughput %,.1f/s%s   errors %,d%n", counted, figures.requests(),
                figures.throughputPerSec(),
                figures.targetRatePerSec() == null ? ""
                        : String.format(Locale.ROOT, " (target %,.1f%s/s)", figures.targetRatePerSec(), targetUnit),
                figures.errors());
        if (!summary.errorsByKind().isEmpty()) {
            StringBuilder kinds = new StringBuilder();
            for (Map.Entry<String, Long> kind : summary.errorsByKind().entrySet()) {
                kinds.append(kinds.isEmpty() ? "" : ", ").append(kind.getKey()).append(' ').append(kind.getValue());
            }
            out.printf(Locale.ROOT, "%-10s %s%n", "errors by", kinds);
            if (summary.errorMessages() != null) {
                // Every count with its first reason: a bare "internal 4" helps nobody.
                summary.errorMessages().forEach((kind, messages) -> {
                    if (!messages.isEmpty()) {
                        out.printf(Locale.ROOT, "%-10s %s: %s%n", "", kind, messages.get(0));
                    }
                });
            }
        }
        if (summary.warmupSeconds() != null) {
            String steady = summary.steadyState() == null ? ""
                    : summary.steadyState() ? "   steady state detected" : "   not steady (measured anyway)";
            out.printf(Locale.ROOT, "%-10s %13.2fs%s%n", "warm-up", summary.warmupSeconds(), steady);
        }
        if (figures.requests() == 0) {
            out.println("no " + counted + " measured");
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "%-10s %10s %10s %10s %10s %10s %10s%n", "", "p50", "p90", "p99", "p99.9", "max", "mean");
        row(out, "latency", figures.latencyMicros());
        row(out, "service", figures.serviceTimeMicros());
        if (summary.sweep() != null) {
            SweepTable.print(out, summary.sweep());
        }
        if (summary.phases() != null) {
            PhasesTable.print(out, summary.phases());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, LatencyFigures stats) {
        out.printf(Locale.ROOT, "%-10s %10s %10s %10s %10s %10s %10s%n", name, micros(stats.p50()), micros(stats.p90()),
                micros(stats.p99()), micros(stats.p999()), micros(stats.max()), micros(stats.mean()));
    }

    /** {@code 45us}, {@code 1.20ms}, {@code 3.50s}. */
    public static String micros(double micros) {
        if (micros < 1_000) {
            return micros == Math.rint(micros)
                    ? String.format(Locale.ROOT, "%dus", (long) micros)
                    : String.format(Locale.ROOT, "%.1fus", micros);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2fms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fs", micros / 1e6);
    }
}
