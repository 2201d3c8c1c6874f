package io.vtnio.loadgen.compare;

import io.vtnio.loadgen.LoadSummary;
import io.vtnio.loadgen.report.ProcessFigures;
import io.vtnio.loadgen.report.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one scenario for every contestant, round after round in alternation (A B A B ...), so
 * that drift of the machine over time hits every contestant alike. Each run is a fresh server
 * process: start it and wait until it listens, sample it, run the generator (a child JVM on its
 * own CPUs), stop the server gracefully, and turn what was seen into a {@link RunOutcome}.
 *
 * <p>Threading: one thread; prints one progress line per run.
 */
final class RoundRunner {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(100);
    /** Beyond warm-up and duration: JVM start, connect phase, drain, reply timeout. */
    private static final Duration GENERATOR_SLACK = Duration.ofSeconds(40);

    private final JavaLaunch java;
    private final CpuPinning pinning;
    private final MemoryProbe memoryProbe;
    private final Path outDir;
    private final PrintWriter progress;
    private final long startNanos = System.nanoTime();

    RoundRunner(JavaLaunch java, CpuPinning pinning, MemoryProbe memoryProbe, Path outDir, PrintWriter progress) {
        this.java = java;
        this.pinning = pinning;
        this.memoryProbe = memoryProbe;
        this.outDir = outDir;
        this.progress = progress;
    }

    /** Every run of {@code scenario}, in the order they ran. */
    List<RunOutcome> run(Scenario scenario, List<Contestant> contestants, int rounds) throws InterruptedException {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Contestant contestant : contestants) {
                RunOutcome outcome = runOnce(scenario, contestant, round);
                outcomes.add(outcome);
                report(scenario, outcome, rounds);
            }
        }
        return outcomes;
    }

    RunOutcome runOnce(Scenario scenario, Contestant contestant, int round) throws InterruptedException {
        Path dir = outDir.resolve(scenario.name());
        RunFiles files = RunFiles.of(dir, contestant.name(), round);
        try {
            Files.createDirectories(dir);
            ServerLaunch launch = contestant.launch(java, scenario.serverFlags(),
                    contestant.isJvm() ? files.gcLog() : null);
            try (ServerProcess server = ServerProcess.start(pinning.server(launch.command()), launch.port(),
                    files.serverOut(), files.serverErr())) {
                try {
                    server.awaitReady(READY_TIMEOUT);
                } catch (IOException e) {
                    return failed(contestant, round, files, "server " + contestant.name() + " " + e.getMessage());
                }
                return drive(scenario, contestant, round, files, server);
            }
        } catch (IOException e) {
            return failed(contestant, round, files, "server " + contestant.name() + ": " + e.getMessage());
        }
    }

    private RunOutcome drive(Scenario scenario, Contestant contestant, int round, RunFiles files,
                             ServerProcess server) throws IOException, InterruptedException {
        int port = server.port();
        ProcessSampler sampler = ProcessSampler.start(server.handle(), SAMPLE_PERIOD);
        try {
            MemoryPoint before = scenario.probesMemory()
                    ? memoryProbe.measure(server, sampler, contestant.isJvm()) : null;
            List<String> args = new ArrayList<>(scenario.loadArgs());
            args.addAll(List.of("--port", Integer.toString(port), "--label", contestant.name(),
                    "--json", files.json().toString(), "--hlog", files.hlog().toString(),
                    "--hgrm", files.hgrm().toString()));
            Files.deleteIfExists(files.json());
            long generatorStartMs = System.currentTimeMillis();
            GeneratorProcess generator =
                    GeneratorProcess.start(pinning.generator(java.generator(args)), files.loadLog());
            MemoryPoint loaded = null;
            if (scenario.probesMemory()) {
                awaitConnections(server, before, scenario.connections(), generator,
                        scenario.warmup().plus(scenario.duration()).plus(Duration.ofSeconds(10)));
                loaded = memoryProbe.measure(server, sampler, contestant.isJvm());
            }
            int exit = generator.await(scenario.warmup().plus(scenario.duration()).plus(GENERATOR_SLACK));
            long generatorEndMs = System.currentTimeMillis();
            sampler.stop();
            boolean aliveAtEnd = server.isAlive();
            server.stop(STOP_TIMEOUT);
            if (!Files.isRegularFile(files.json())) {
                String why = exit == -1 ? "the generator did not finish in time" : "the generator exited " + exit;
                return failed(contestant, round, files, why + lastWords(files.loadLog())
                        + (aliveAtEnd ? "" : "; the server had ended"));
            }
            LoadSummary load;
            try {
                load = LoadSummary.read(files.json());
            } catch (IOException e) {
                return failed(contestant, round, files, "cannot read the generator's result: " + e.getMessage());
            }
            MeasuredWindow window = MeasuredWindow.of(files.hlog(), generatorStartMs, generatorEndMs, load.requests());
            GcLog gc = contestant.isJvm() ? GcLog.read(files.gcLog(), window.fromMs(), window.toMs()) : null;
            ProcessFigures figures = WindowFigures.compute(sampler, server.stats(), gc, window.fromMs(), window.toMs(),
                    window.requests(), before, loaded, scenario.connections(), java.heapPreTouched());
            String note = null;
            if (gc != null && gc.forcedAtMs() != null && window.contains(gc.forcedAtMs())) {
                note = String.format(Locale.ROOT, "the full GC forced to measure memory (%.0f ms) fell inside the "
                        + "measured window, so its latency includes that pause", gc.forcedPauseMillis());
            }
            return new RunOutcome(contestant.name(), round, load, figures, null, files, note);
        } finally {
            sampler.stop();
        }
    }

    /** Waits until the server holds the scenario's connections (by its descriptors, else its stats lines). */
    private static void awaitConnections(ServerProcess server, MemoryPoint before, int connections,
                                         GeneratorProcess generator, Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadlineNs && generator.isAlive() && server.isAlive()) {
            int descriptors = ProcFs.openDescriptors(server.handle());
            if (before.descriptors() >= 0 && descriptors >= 0 && descriptors - before.descriptors() >= connections) {
                return;
            }
            List<StatsLine> stats = server.stats();
            if (!stats.isEmpty() && stats.getLast().snapshot().connectionsOpen() >= connections) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static RunOutcome failed(Contestant contestant, int round, RunFiles files, String why) {
        return new RunOutcome(contestant.name(), round, null, ProcessFigures.NONE, why, files, null);
    }

    /** The generator's last error or summary lines, for a failure message. */
    private static String lastWords(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("vtnio load:") || line.startsWith("error:")
                            || line.contains("Exception") || line.startsWith("Usage"))
                    .toList();
            return lines.isEmpty() ? ""
                    : ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void report(Scenario scenario, RunOutcome outcome, int rounds) {
        String elapsed = String.format(Locale.ROOT, "[%5.1fs]", (System.nanoTime() - startNanos) / 1e9);
        String head = String.format(Locale.ROOT, "%s %-13s %-6s round %d/%d ", elapsed, scenario.name(),
                outcome.server(), outcome.round(), rounds);
        if (!outcome.succeeded()) {
            progress.println(head + " FAILED: " + outcome.failure());
        } else {
            LoadSummary load = outcome.load();
            ProcessFigures process = outcome.process();
            StringBuilder line = new StringBuilder(head).append(String.format(Locale.ROOT, "%,11.0f/s  p99 %8s",
                    load.throughputPerSec(), Units.micros(load.latencyMicros().p99())));
            if (process.cpuMicrosPerRequest() != null) {
                line.append(String.format(Locale.ROOT, "  cpu %s/%s", Units.micros(process.cpuMicrosPerRequest()),
                        scenario.unit()));
            }
            if (process.bytesPerConnection() != null) {
                line.append("  ").append(Units.bytes(process.bytesPerConnection())).append("/conn");
            }
            line.append("  errors ").append(load.errors());
            progress.println(line);
        }
        progress.flush();
    }
}
