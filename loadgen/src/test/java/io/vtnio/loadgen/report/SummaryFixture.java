package io.vtnio.loadgen.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Builds small but complete comparison results for tests: a {@link CompareSummary} of two
 * servers and three scenarios, optionally with real interval logs behind it.
 */
public final class SummaryFixture {

    public static final List<String> SERVERS = List.of("vt", "nio");

    private SummaryFixture() {
    }

    /** A summary whose figures scale with {@code throughputFactor} and {@code latencyFactor}. */
    public static CompareSummary summary(double throughputFactor, double latencyFactor) {
        List<ScenarioInfo> scenarios = List.of(
                new ScenarioInfo("echo-peak", "echo, peak throughput", "closed loop", "--mode echo",
                        "--connections 100", "reply"),
                new ScenarioInfo("echo-latency", "echo, latency at 50,000/s", "open loop", "--mode echo",
                        "--connections 100 --rate 50000", "reply"),
                new ScenarioInfo("idle", "idle connections", "idle", "--mode echo", "--connections 5000", "reply"));
        List<ResultEntry> results = new ArrayList<>();
        for (ScenarioInfo scenario : scenarios) {
            for (int i = 0; i < SERVERS.size(); i++) {
                String server = SERVERS.get(i);
                double throughput = (scenario.name().equals("echo-peak") ? 100_000 + 20_000 * i
                        : scenario.name().equals("idle") ? 2_500 : 50_000) * throughputFactor;
                long p99 = Math.round((500 + 300 * i) * latencyFactor);
                boolean idle = scenario.name().equals("idle");
                ProcessFigures process = new ProcessFigures(1.5, 6.0 + i, 330L << 20, 20L << 20, 18 - 3 * i,
                        idle ? 6000L - 4000 * i : null, idle ? 5600L - 4000 * i : null, idle ? 400L : null, 1, 3.5,
                        idle ? 20.0 - 10 * i : null);
                LatencyFigures latency = new LatencyFigures(p99 / 3, p99 / 2, p99, p99 * 2, p99 * 3, p99 / 2.5);
                String hlog = scenario.name() + "/" + server + "-1.hlog";
                RoundResult round = new RoundResult(1, null, Math.round(throughput * 2), 0, 2.0, throughput, latency,
                        process, null, hlog, null, null, null, null);
                boolean open = !scenario.name().equals("echo-peak");
                Double target = open ? (scenario.name().equals("idle") ? 2_500.0 : 50_000.0) : null;
                results.add(new ResultEntry(scenario.name(), "vtnio", "test", "echo", open ? "open" : "closed", server,
                        100, 2.0, Math.round(throughput * 2), 0, throughput, target, latency, latency, process,
                        List.of(round)));
            }
        }
        return new CompareSummary("vtnio", CompareSummary.KIND, "test", "2026-01-01T00:00:00Z", 60.0,
                "vtnio compare", 1, "vt nio",
                List.of(new ContestantInfo("vt", "java -jar server-vt.jar"),
                        new ContestantInfo("nio", "java -jar server-nio.jar")),
                "-Xmx256m", "server on CPU 1, generator on CPU 0 (taskset)",
                new MachineInfo("Test CPU", 2, 1L << 34, "Linux", "25"), scenarios, results, List.of());
    }

    /** Writes {@code summary.json} and, for every round, a two-second interval log under {@code dir}. */
    public static Path write(Path dir, CompareSummary summary) throws IOException {
        long startMs = 1_700_000_000_000L;
        for (ResultEntry entry : summary.results()) {
            for (RoundResult round : entry.rounds()) {
                if (round.hlog() != null) {
                    writeLog(dir.resolve(round.hlog()), startMs, entry.latencyMicros().p50(), round.throughputPerSec());
                    startMs += 5_000;
                }
            }
        }
        Path file = dir.resolve("summary.json");
        SummaryFile.write(file, summary);
        return file;
    }

    private static void writeLog(Path file, long startMs, long typicalMicros, double perSecond) throws IOException {
        Files.createDirectories(file.getParent());
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputLegend();
            for (int second = 0; second < 2; second++) {
                Histogram histogram = new Histogram(3);
                long count = Math.max(10, Math.round(perSecond / 100));
                for (long i = 0; i < count; i++) {
                    histogram.recordValue(typicalMicros + (i * 7919 % 97) * typicalMicros / 40);
                }
                histogram.setStartTimeStamp(startMs + second * 1000L);
                histogram.setEndTimeStamp(startMs + (second + 1) * 1000L);
                histogram.setTag(IntervalLogFile.LATENCY);
                writer.outputIntervalHistogram(histogram);
            }
        }
    }
}
