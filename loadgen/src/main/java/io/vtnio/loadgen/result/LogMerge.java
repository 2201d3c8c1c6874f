package io.vtnio.loadgen.result;

import io.vtnio.core.ManifestVersionProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Combines the interval logs of generator processes that ran side by side (local
 * {@code --processes}, Kubernetes pods) into one result without loss: histograms are added
 * bucket by bucket, so counts add up exactly and percentiles are those of all requests together.
 * Throughput is the sum of each log's throughput (they ran at the same time); the duration is
 * the longest, and so is the warm-up; errors, connections and target rates add up; the merge was
 * steady only if every part was.
 *
 * <p>Threading: stateless.
 */
public final class LogMerge {

    private LogMerge() {
    }

    /** The merged summary and histograms; intervals of all logs sorted by start time. */
    public record Merged(LoadSummary summary, Histogram latency, Histogram service, List<Histogram> intervals,
                  long firstStartMs) {
    }

    /** @param label the {@code server} field, or null to keep the logs' own if they agree */
    public static Merged merge(List<RecordedLog> logs, String label) {
        Histogram latency = HistogramRange.newHistogram();
        latency.setAutoResize(true);
        Histogram service = HistogramRange.newHistogram();
        service.setAutoResize(true);
        List<Histogram> intervals = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<String> models = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        Map<String, Long> errorsByKind = new LinkedHashMap<>();
        int connections = 0;
        int processes = 0;
        long errors = 0;
        double durationSeconds = 0;
        double throughput = 0;
        Double targetRate = null;
        Double warmupSeconds = null;
        Boolean steadyState = null;
        long firstStartMs = Long.MAX_VALUE;
        for (RecordedLog log : logs) {
            latency.add(log.latency());
            service.add(log.service());
            intervals.addAll(log.intervals());
            firstStartMs = Math.min(firstStartMs, log.firstStartMs());
            double seconds = log.durationSeconds();
            durationSeconds = Math.max(durationSeconds, seconds);
            LoadSummary summary = log.summary();
            if (summary != null) {
                throughput += summary.figures().throughputPerSec();
            } else if (seconds > 0) {
                throughput += log.latency().getTotalCount() / seconds;
            }
            if (summary == null) {
                modes.add("unknown");
                models.add("unknown");
                processes++;
                continue;
            }
            modes.add(summary.figures().mode());
            models.add(summary.figures().model());
            servers.add(summary.figures().server());
            connections += summary.figures().connections();
            processes += Math.max(1, summary.processes());
            errors += summary.figures().errors();
            if (summary.errorsByKind() != null) {
                summary.errorsByKind().forEach((kind, count) -> errorsByKind.merge(kind, count, Long::sum));
            }
            if (summary.warmupSeconds() != null) {
                warmupSeconds = Math.max(warmupSeconds == null ? 0 : warmupSeconds, summary.warmupSeconds());
            }
            if (summary.steadyState() != null) {
                steadyState = (steadyState == null || steadyState) && summary.steadyState();
            }
            if (summary.figures().targetRatePerSec() != null) {
                targetRate = (targetRate == null ? 0 : targetRate) + summary.figures().targetRatePerSec();
            }
        }
        intervals.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        String server = label != null ? label : common(servers);
        LoadSummary summary = new LoadSummary(new LoadFigures(LoadFigures.TOOL, ManifestVersionProvider.version(),
                commonOrMixed(modes), commonOrMixed(models), server, connections, round(durationSeconds),
                latency.getTotalCount(), errors, round(throughput), targetRate == null ? null : round(targetRate),
                LatencyFigures.of(latency), LatencyFigures.of(service)),
                errorsByKind, processes, warmupSeconds, steadyState);
        return new Merged(summary, latency, service, intervals, firstStartMs == Long.MAX_VALUE ? 0 : firstStartMs);
    }

    private static String common(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String first = values.get(0);
        for (String value : values) {
            if (!Objects.equals(first, value)) {
                return null;
            }
        }
        return first;
    }

    private static String commonOrMixed(List<String> values) {
        if (values.isEmpty()) {
            return "unknown";
        }
        String common = common(values);
        return common == null ? "mixed" : common;
    }

    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
