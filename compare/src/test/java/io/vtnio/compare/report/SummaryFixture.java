package io.vtnio.compare.report;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ContestantInfo;
import io.vtnio.compare.logs.IntervalLogFile;
import io.vtnio.compare.report.summary.MachineInfo;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.report.summary.SummaryFile;
import io.vtnio.compare.report.table.PairedVerdicts;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
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

    /** A summary of one round whose figures scale with {@code throughputFactor} and {@code latencyFactor}. */
    public static CompareSummary summary(double throughputFactor, double latencyFactor) {
        return summary(throughputFactor, latencyFactor, 1);
    }

    /**
     * A summary of {@code rounds} rounds; round r's figures are off by {@code ±2%} in turn, the same
     * for both servers, so their ratios stay those of the one-round summary.
     */
    public static CompareSummary summary(double throughputFactor, double latencyFactor, int rounds) {
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
                List<RoundResult> roundResults = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    double wobble = rounds == 1 ? 1 : 1 + 0.02 * ((r % 3) - 1);
                    String hlog = scenario.name() + "/" + server + "-" + r + ".hlog";
                    LoadFigures figures = new LoadFigures("vtnio", "test", "echo", "closed", server, 100, 2.0,
                            Math.round(throughput * wobble * 2), 0, throughput * wobble, null, latency, latency);
                    roundResults.add(new RoundResult(r, null, figures, process, null, hlog, null, null, null, null, 2.5,
                            true));
                }
                boolean open = !scenario.name().equals("echo-peak");
                Double target = open ? (scenario.name().equals("idle") ? 2_500.0 : 50_000.0) : null;
                results.add(new ResultEntry(scenario.name(), new LoadFigures("vtnio", "test", "echo",
                        open ? "open" : "closed", server, 100, 2.0, Math.round(throughput * 2), 0, throughput, target,
                        latency, latency), process, roundResults));
            }
        }
        return new CompareSummary("vtnio", CompareSummary.KIND, "test", "2026-01-01T00:00:00Z", 60.0,
                "vtnio compare", rounds, "vt nio, then nio vt, alternating",
                List.of(new ContestantInfo("vt", "java -jar server-vt.jar"),
                        new ContestantInfo("nio", "java -jar server-nio.jar")),
                "-Xmx256m", "server on CPU 1, generator on CPU 0 (taskset)",
                new MachineInfo("Test CPU", 2, 1L << 34, "Linux", "25"), scenarios, results, List.of(), false, 10,
                verdicts(scenarios, results), null);
    }

    private static List<ScenarioVerdict> verdicts(List<ScenarioInfo> scenarios, List<ResultEntry> results) {
        List<ScenarioVerdict> verdicts = new ArrayList<>();
        for (ScenarioInfo scenario : scenarios) {
            ResultEntry vt = results.stream().filter(r -> r.scenario().equals(scenario.name())
                    && r.figures().server().equals("vt")).findFirst().orElseThrow();
            ResultEntry nio = results.stream().filter(r -> r.scenario().equals(scenario.name())
                    && r.figures().server().equals("nio")).findFirst().orElseThrow();
            verdicts.add(PairedVerdicts.of(scenario, vt, nio, 10));
        }
        return verdicts;
    }

    /** Writes {@code summary.json} and, for every round, a two-second interval log under {@code dir}. */
    public static Path write(Path dir, CompareSummary summary) throws IOException {
        long startMs = 1_700_000_000_000L;
        for (ResultEntry entry : summary.results()) {
            for (RoundResult round : entry.rounds()) {
                if (round.hlog() != null) {
                    writeLog(dir.resolve(round.hlog()), startMs, entry.figures().latencyMicros().p50(),
                            round.figures().throughputPerSec());
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
