package io.vtnio.loadgen.run;

import io.vtnio.core.HumanDuration;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.loadgen.result.HistogramRange;
import io.vtnio.loadgen.run.SteadyStateDetector.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The reporter's side of {@code --warmup auto}: every {@link SteadyStateDetector#INTERVAL_NS} it
 * is handed the interval just collected, reads the server's new stats lines if
 * {@code --server-stats} named their file, and asks the {@link SteadyStateDetector} whether to
 * start measuring. It also gathers the intervals into the histogram the once-a-second progress
 * line shows, and words what the warm-up is doing for stderr.
 *
 * <pre>{@code
 * try (AutoWarmup warmup = AutoWarmup.start(config.warmup(), config.openModel(), trafficStartNs, err)) {
 *     Verdict verdict = warmup.observe(nowNs, intervalNs, collector.intervalLatency());
 * }
 * }</pre>
 *
 * <p>Threading: the run's reporter thread only.
 */
final class AutoWarmup implements AutoCloseable {

    private final Warmup warmup;
    private final boolean openModel;
    private final long startNs;
    private final PrintWriter err;
    private final SteadyStateDetector detector;
    private final ServerStatsTail stats;
    private final Histogram sinceProgress = HistogramRange.newHistogram();
    private boolean jitIgnoredSaid;

    private AutoWarmup(Warmup warmup, boolean openModel, long startNs, PrintWriter err, ServerStatsTail stats) {
        this.warmup = warmup;
        this.openModel = openModel;
        this.startNs = startNs;
        this.err = err;
        this.stats = stats;
        this.detector = new SteadyStateDetector(startNs, warmup.max().toNanos(), openModel, stats != null);
    }

    /**
     * Starts watching from {@code startNs}, when traffic started. A stats file that cannot be opened
     * is said on {@code err} once and the warm-up judged by its intervals only: the run itself can go on.
     */
    static AutoWarmup start(Warmup warmup, boolean openModel, long startNs, PrintWriter err) {
        ServerStatsTail stats = null;
        if (warmup.serverStats() != null) {
            try {
                stats = ServerStatsTail.open(warmup.serverStats());
            } catch (IOException e) {
                err.println("cannot read --server-stats " + warmup.serverStats() + " (" + e.getMessage()
                        + "): warm-up judged by " + judgedBy(openModel) + " only");
            }
        }
        return new AutoWarmup(warmup, openModel, startNs, err, stats);
    }

    /**
     * One interval of warm-up traffic ended at {@code nowNs}.
     *
     * @param intervalNs its length, above 0
     * @param latency    its latency histogram, in microseconds (the reply count is its total count)
     * @return whether to go on warming up, or measure from {@code nowNs}
     */
    Verdict observe(long nowNs, long intervalNs, Histogram latency) {
        if (stats != null) {
            for (MetricsSnapshot line : stats.readNew()) {
                detector.addServerStats(nowNs, line.uptimeMillis(), line.compileMillis());
            }
        }
        detector.addInterval(latency.getTotalCount(), intervalNs / 1e9, latency.getValueAtPercentile(50.0));
        sinceProgress.add(latency);
        Verdict verdict = detector.verdict(nowNs);
        if (detector.jitIgnored() && !jitIgnoredSaid) {
            jitIgnoredSaid = true;
            err.println("server stats carry no compileMillis: warm-up judged by " + judgedBy(openModel) + " only");
        }
        return verdict;
    }

    /** Latency of the intervals since the last {@link #progressShown}, for the progress line. */
    Histogram sinceProgress() {
        return sinceProgress;
    }

    void progressShown() {
        sinceProgress.reset();
    }

    /**
     * What the progress line adds during an auto warm-up, what the detector judges: the throughput's
     * spread in the closed model, {@code auto 2.0s  cv 7%  jit 120ms/s}; the median latency's spread
     * and trend in the open model, {@code auto 2.0s  p50 spread 4% trend -2%  jit 3ms/s}.
     */
    String status(long nowNs) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "auto %.1fs", (nowNs - startNs) / 1e9));
        if (openModel) {
            text.append("  p50 spread ").append(percent(detector.latencySpread(), false))
                    .append(" trend ").append(percent(detector.latencyTrend(), true));
        } else {
            text.append("  cv ").append(percent(detector.throughputCv(), false));
        }
        if (stats != null) {
            double jit = detector.jitMillisPerSec(nowNs);
            text.append("  jit ").append(detector.jitIgnored() ? "not reported" : Double.isNaN(jit) ? "-"
                    : String.format(Locale.ROOT, "%.0fms/s", jit));
        }
        return text.toString();
    }

    private static String percent(double share, boolean signed) {
        return Double.isNaN(share) ? "-" : Double.isInfinite(share) ? "inf"
                : String.format(Locale.ROOT, signed ? "%+.0f%%" : "%.0f%%", share * 100);
    }

    /** What the warm-up is judged by without the JIT: what the detector watches in this model. */
    private static String judgedBy(boolean openModel) {
        return openModel ? "latency" : "throughput";
    }

    /**
     * The line that ends the warm-up: {@code steady after 3.25s}, or why measuring starts
     * without a steady state.
     */
    String outcome(Verdict verdict, long nowNs) {
        double seconds = (nowNs - startNs) / 1e9;
        return switch (verdict) {
            case STEADY -> String.format(Locale.ROOT, "steady after %.2fs", seconds);
            case BOUND_REACHED -> "not steady after " + HumanDuration.format(warmup.max())
                    + " (--warmup-max): measuring anyway";
            case WARMING -> String.format(Locale.ROOT, "not steady after %.2fs: the run ended during warm-up", seconds);
        };
    }

    @Override
    public void close() {
        if (stats != null) {
            try {
                stats.close();
            } catch (IOException ignored) {
                // A read-only file: nothing was left unwritten.
            }
        }
    }
}
