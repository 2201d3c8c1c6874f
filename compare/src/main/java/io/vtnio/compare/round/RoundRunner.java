package io.vtnio.compare.round;

import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.launch.GeneratorProcess;
import io.vtnio.compare.launch.JavaLaunch;
import io.vtnio.compare.launch.ServerLaunch;
import io.vtnio.compare.launch.ServerProcess;
import io.vtnio.compare.launch.StatsLine;
import io.vtnio.compare.probe.CpuTimeSampler;
import io.vtnio.compare.probe.GcLog;
import io.vtnio.compare.probe.ProcFs;
import io.vtnio.compare.probe.ProcessSampler;
import io.vtnio.compare.profile.FlightRecording;
import io.vtnio.compare.profile.SyscallCounter;
import io.vtnio.compare.report.profile.ProfileSummary;
import io.vtnio.compare.report.profile.SyscallFigures;
import io.vtnio.compare.logs.IntervalLogFile;
import io.vtnio.compare.report.summary.OverloadFigures;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.RoundCheck;
import io.vtnio.compare.report.table.Units;
import io.vtnio.compare.scenario.Scenario;
import io.vtnio.compare.scenario.WarmupPlan;
import io.vtnio.compare.scenario.WireProtocol;
import io.vtnio.loadgen.result.IntervalLog;
import io.vtnio.loadgen.result.LoadSummary;
import io.vtnio.loadgen.result.SweepResult;
import io.vtnio.loadgen.result.SweepStep;
import io.vtnio.loadgen.run.SweepPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs one round of a scenario: every contestant once, in an order that alternates from round
 * to round (A B, then B A, ...), so that a linear drift of the machine cancels over each two
 * rounds and each round's runs form one pair of evidence. Each run is a fresh server process
 * (a fork, as JMH calls it, so the luck of one JVM's JIT does not repeat in every round): start
 * it and wait until it listens, sample it, run the generator (a child JVM on its own CPUs) that
 * warms up until steady and then measures, stop the server gracefully, and turn what was seen
 * into a {@link RunOutcome}.
 *
 * <p>Threading: one thread; prints one progress line per run.
 */
public final class RoundRunner {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(100);
    /** Beyond warm-up and duration: JVM start, connect phase, drain, reply timeout. */
    private static final Duration GENERATOR_SLACK = Duration.ofSeconds(40);

    private final JavaLaunch java;
    private final CpuPlan cpus;
    private final MemoryProbe memoryProbe;
    private final Path outDir;
    private final PrintWriter progress;
    private final Diagnostics diagnostics;
    private final long startNanos = System.nanoTime();

    RoundRunner(JavaLaunch java, CpuPlan cpus, MemoryProbe memoryProbe, Path outDir, PrintWriter progress) {
        this(java, cpus, memoryProbe, outDir, progress, Diagnostics.NONE);
    }

    public RoundRunner(JavaLaunch java, CpuPlan cpus, MemoryProbe memoryProbe, Path outDir, PrintWriter progress,
                Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.java = java;
        this.cpus = cpus;
        this.memoryProbe = memoryProbe;
        this.outDir = outDir;
        this.progress = progress;
    }

    /**
     * Runs round {@code round} (1-based) of {@code scenario}: the contestants in their order for
     * an odd round, in reverse for an even one.
     *
     * @param planned how many rounds are planned so far, for the progress line
     */
    public List<RunOutcome> runRound(Scenario scenario, List<Contestant> contestants, int round, String planned)
            throws InterruptedException {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (Contestant contestant : order(contestants, round)) {
            RunOutcome outcome = runOnce(scenario, contestant, round);
            outcomes.add(outcome);
            report(scenario, outcome, planned);
        }
        return outcomes;
    }

    /** The contestants in the order they run in {@code round}: as given in odd rounds, reversed in even ones. */
    public static List<Contestant> order(List<Contestant> contestants, int round) {
        if (round % 2 == 1) {
            return contestants;
        }
        List<Contestant> reversed = new ArrayList<>(contestants);
        Collections.reverse(reversed);
        return reversed;
    }

    RunOutcome runOnce(Scenario scenario, Contestant contestant, int round) throws InterruptedException {
        Path dir = outDir.resolve(scenario.name());
        RunFiles files = RunFiles.of(dir, contestant.name(), round);
        try {
            Files.createDirectories(dir);
            boolean recording = diagnostics.profile() && contestant.recordsFlight();
            Files.deleteIfExists(files.jfr());
            Files.deleteIfExists(files.perfCsv());
            ServerLaunch launch = contestant.launch(java, scenario.serverFlags(),
                    contestant.isJvm() ? files.gcLog() : null, cpus.allotment(contestant),
                    recording ? FlightRecording.jvmOption(files.jfr()) : null);
            boolean counting = diagnostics.countsSyscalls();
            List<String> command = counting ? diagnostics.syscalls().wrap(launch.command(), files.perfCsv())
                    : launch.command();
            long serverStartMs = System.currentTimeMillis();
            try (ServerProcess server = ServerProcess.start(cpus.server(command), launch.readinessPort(),
                    files.serverOut(), files.serverErr())) {
                if (counting) {
                    server.wrapped();
                }
                // Sampling starts before the generator can: a generator started beside the server
                // may finish a short window before the server's listening line has even been read.
                ProcessSampler sampler = ProcessSampler.start(server.measured(), SAMPLE_PERIOD);
                CpuTimeSampler machine = CpuTimeSampler.start(SAMPLE_PERIOD);
                machine.watchServer(server.measured());
                try {
                    // Started beside the server when its port is known: the generator's JVM comes up
                    // while the server's does (each on its own CPUs), then waits for it to listen.
                    GeneratorProcess early = launch.port() == null ? null
                            : scenario.probesMemory() ? startWarming(scenario, launch.port(), files, true)
                            : startGenerator(scenario, contestant, files, launch.port(), true);
                    if (early != null) {
                        machine.watchGenerator(early.handle());
                    }
                    try {
                        server.awaitReady(READY_TIMEOUT);
                    } catch (IOException e) {
                        if (early != null) {
                            early.kill();
                        }
                        return failed(contestant, round, files, "server " + contestant.name() + " " + e.getMessage());
                    }
                    RunOutcome outcome = drive(scenario, contestant, round, files, server, early, sampler, machine);
                    return explain(outcome, server, recording, serverStartMs);
                } finally {
                    sampler.stop();
                    machine.stop();
                }
            }
        } catch (IOException e) {
            return failed(contestant, round, files, "server " + contestant.name() + ": " + e.getMessage());
        }
    }

    /**
     * Measures the ready {@code server} with the generator started beside it ({@code early}; the
     * warming one where memory is probed), or with one started now.
     */
    private RunOutcome drive(Scenario scenario, Contestant contestant, int round, RunFiles files,
                             ServerProcess server, GeneratorProcess early, ProcessSampler sampler,
                             CpuTimeSampler machine) throws IOException, InterruptedException {
        int port = server.port();
        Warmed warmed = null;
        MemoryPoint before = null;
        if (scenario.probesMemory()) {
            warmed = awaitWarming(scenario, files,
                    early != null ? early : startWarming(scenario, port, files, false));
            if (warmed.failure() != null) {
                return failed(contestant, round, files, warmed.failure());
            }
            before = memoryProbe.measure(server, sampler, contestant.isJvm(),
                    contestant.isJvm() && !contestant.builtIn().isFramework());
        }
        GeneratorProcess generator = early != null && !scenario.probesMemory() ? early
                : startGenerator(scenario, contestant, files, port, false);
        long generatorStartMs = generator.startedAtMs();
        machine.watchGenerator(generator.handle());
        MemoryPoint loaded = null;
        if (scenario.probesMemory()) {
            awaitConnections(server, before, scenario.connections(), generator,
                    scenario.idleWarmup().plus(scenario.duration()).plus(Duration.ofSeconds(10)));
            loaded = memoryProbe.measure(server, sampler, contestant.isJvm(),
                    contestant.isJvm() && !contestant.builtIn().isFramework());
        }
        Duration longestWarmup = scenario.probesMemory() ? scenario.idleWarmup() : scenario.warmup().longest();
        if (scenario.sweeps() && !scenario.warmup().isAuto()) {
            // After a step that did not hold its rate the generator warms up until steady.
            longestWarmup = SweepPlan.backlogWarmupMax(longestWarmup);
        }
        // A sweep warms up and measures once per step.
        Duration longestRun = longestWarmup.plus(scenario.duration()).multipliedBy(scenario.windows());
        int exit = generator.await(longestRun.plus(GENERATOR_SLACK));
        long generatorEndMs = System.currentTimeMillis();
        sampler.stop();
        machine.stop();
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
        if (load.sweep() != null) {
            load = load.withSweep(sampledStepsCpu(load.sweep(), files.hlog(), machine));
        }
        MeasuredWindow window = MeasuredWindow.of(files.hlog(), generatorStartMs, generatorEndMs,
                load.figures().durationSeconds(), load.figures().requests());
        GcLog gc = contestant.isJvm() ? GcLog.read(files.gcLog(), window.fromMs(), window.toMs()) : null;
        ProcessFigures figures = WindowFigures.compute(sampler,
                machine.serverCpuSecondsBetween(window.fromMs(), window.toMs()), server.stats(), gc,
                window.fromMs(), window.toMs(),
                window.requests(), before, loaded, scenario.connections(), java.heapPreTouched());
        String note = null;
        if (gc != null && gc.forcedAtMs() != null && window.contains(gc.forcedAtMs())) {
            note = String.format(Locale.ROOT, "the full GC forced to measure memory (%.0f ms) fell inside the "
                    + "measured window, so its latency includes that pause", gc.forcedPauseMillis());
        }
        Double warmupSeconds = warmed != null ? warmed.seconds() : load.warmupSeconds();
        Boolean steady = warmed != null ? warmed.steadyState() : load.steadyState();
        RoundCheck check = WindowLoad.check(cpus, figures.cpuSeconds(), machine, window, scenario.closedPeak(),
                steady);
        if (load.sweep() != null) {
            figures = stepsCpu(figures, load.sweep());
        }
        // An overload round: its timeline against what was sampled of the server meanwhile.
        OverloadFigures overload = OverloadAnalysis.of(load.phases(), window.fromMs(),
                sampler.samplesBetween(window.fromMs() - 1000, window.toMs() + 1000), server.stats());
        return new RunOutcome(contestant.name(), round, load, figures, null, files, note, warmupSeconds, steady,
                window, check, overload);
    }

    /**
     * Adds to a successful run what {@code --syscalls} and {@code --profile} saw in its window; the
     * server has stopped by now, so perf has written its last counts and the JVM its recording.
     */
    private RunOutcome explain(RunOutcome outcome, ServerProcess server, boolean recording, long serverStartMs)
            throws InterruptedException {
        if (!outcome.succeeded() || (diagnostics.syscalls() == null && !diagnostics.profile())) {
            return outcome;
        }
        server.stop(STOP_TIMEOUT);
        MeasuredWindow window = outcome.window();
        SyscallFigures syscalls = null;
        if (diagnostics.syscalls() != null) {
            syscalls = diagnostics.countsSyscalls()
                    ? SyscallCounter.perRequest(outcome.files().perfCsv(), serverStartMs, window.fromMs(), window.toMs(),
                            window.requests())
                    : SyscallFigures.notMeasured(diagnostics.syscalls().notMeasured());
        }
        ProfileSummary profile = null;
        if (recording) {
            try {
                profile = FlightRecording.read(outcome.files().jfr(), outDir.relativize(outcome.files().jfr()).toString(),
                        window.fromMs(), window.toMs());
            } catch (IOException e) {
                progress.println("vtnio compare: cannot read the flight recording " + outcome.files().jfr() + ": "
                        + e.getMessage());
            }
        }
        return outcome.withProcess(outcome.process().withDiagnostics(syscalls, profile));
    }

    /**
     * A sweep with each step's server CPU time sampled by compare itself over exactly the step's
     * window (its intervals in the interval log, tagged {@code stepN}), at the instants the CPUs
     * are read ({@link CpuTimeSampler}); the generator's own figure, read from the server's stats
     * lines, is exact only to their 250 ms. A step without intervals in the log keeps null.
     */
    static SweepResult sampledStepsCpu(SweepResult sweep, Path hlog, CpuTimeSampler machine) {
        List<IntervalLogFile.Interval> intervals;
        try {
            intervals = IntervalLogFile.read(hlog);
        } catch (IOException e) {
            intervals = List.of();
        }
        List<SweepStep> steps = new ArrayList<>();
        for (SweepStep step : sweep.steps()) {
            List<IntervalLogFile.Interval> mine = IntervalLogFile.tagged(intervals, IntervalLog.stepTag(step.step()));
            Double cpu = null;
            if (!mine.isEmpty()) {
                long fromMs = mine.stream().mapToLong(IntervalLogFile.Interval::startMs).min().orElseThrow();
                long toMs = mine.stream().mapToLong(IntervalLogFile.Interval::endMs).max().orElseThrow();
                cpu = machine.serverCpuSecondsBetween(fromMs, toMs);
            }
            steps.add(step.withServerCpuSeconds(cpu));
        }
        return sweep.withSteps(steps);
    }

    /**
     * A sweep's figures: CPU time and CPU per request over its steps' windows ({@code null} when a
     * step lacks its CPU time).
     */
    static ProcessFigures stepsCpu(ProcessFigures figures, SweepResult sweep) {
        double cpuSeconds = 0;
        long requests = 0;
        for (SweepStep step : sweep.steps()) {
            if (step.serverCpuSeconds() == null) {
                return figures.withStepsCpu(null, null);
            }
            cpuSeconds += step.serverCpuSeconds();
            requests += step.requests();
        }
        return figures.withStepsCpu(WindowFigures.round(cpuSeconds, 3),
                requests == 0 ? null : WindowFigures.round(cpuSeconds * 1e6 / requests, 2));
    }

    /** What warming a server with echo traffic gave: its warm-up time, or why it failed. */
    private record Warmed(Double seconds, Boolean steadyState, String failure) {
    }

    /** Connections of the echo traffic that warms a server before its memory is measured. */
    private static final int WARMING_CONNECTIONS = 50;

    /**
     * Starts the scenario's generator against {@code port}; {@code waiting} for a server that may
     * not listen yet.
     */
    private GeneratorProcess startGenerator(Scenario scenario, Contestant contestant, RunFiles files, int port,
                                            boolean waiting) throws IOException {
        List<String> args = new ArrayList<>(scenario.loadArgs());
        args.addAll(scenario.probesMemory() ? WarmupPlan.fixed(scenario.idleWarmup()).loadArgs(null)
                : scenario.warmup().loadArgs(files.serverOut()));
        args.addAll(List.of("--port", Integer.toString(port), "--label", contestant.name(),
                "--json", files.json().toString(), "--hlog", files.hlog().toString(),
                "--hgrm", files.hgrm().toString()));
        if (waiting) {
            args.addAll(waitForServer());
        }
        Files.deleteIfExists(files.json());
        return GeneratorProcess.start(cpus.generator(java, args), files.loadLog());
    }

    private static List<String> waitForServer() {
        return List.of("--wait-for-server", READY_TIMEOUT.toSeconds() + "s");
    }

    /**
     * Starts the generator that warms the server with echo traffic in a closed loop until steady
     * (or for the fixed warm-up), so its memory is measured as a server in service holds it, not
     * as a fresh JVM whose first connections park in interpreted frames. Its connections close
     * before the probe.
     */
    private GeneratorProcess startWarming(Scenario scenario, int port, RunFiles files, boolean waiting)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--connections", Integer.toString(WARMING_CONNECTIONS),
                "--duration", "500ms", "--port", Integer.toString(port), "--label", "warm-up",
                "--json", files.warmupJson().toString()));
        args.addAll(scenario.warmup().loadArgs(files.serverOut()));
        args.addAll(WireProtocol.of(scenario).loadArgs()); // HTTP traffic warms an HTTP server
        if (waiting) {
            args.addAll(waitForServer());
        }
        Files.deleteIfExists(files.warmupJson());
        return GeneratorProcess.start(cpus.generator(java, args), files.warmupLog());
    }

    /** Waits for the {@code warming} generator's run ({@link #startWarming}) and reads what it found. */
    private Warmed awaitWarming(Scenario scenario, RunFiles files, GeneratorProcess warming)
            throws IOException, InterruptedException {
        int exit = warming.await(scenario.warmup().longest().plus(GENERATOR_SLACK));
        if (exit != 0 || !Files.isRegularFile(files.warmupJson())) {
            return new Warmed(null, null, "warming the server with echo traffic failed (exit " + exit + ")"
                    + lastWords(files.warmupLog()));
        }
        LoadSummary warm = LoadSummary.read(files.warmupJson());
        return new Warmed(warm.warmupSeconds(), warm.steadyState(), null);
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
        return new RunOutcome(contestant.name(), round, null, ProcessFigures.NONE, why, files, null, null, null);
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

    private void report(Scenario scenario, RunOutcome outcome, String planned) {
        String elapsed = String.format(Locale.ROOT, "[%5.1fs]", (System.nanoTime() - startNanos) / 1e9);
        String head = String.format(Locale.ROOT, "%s %-13s %-6s round %d/%s ", elapsed, scenario.name(),
                outcome.server(), outcome.round(), planned);
        if (!outcome.succeeded()) {
            progress.println(head + " FAILED: " + outcome.failure());
        } else {
            LoadSummary load = outcome.load();
            ProcessFigures process = outcome.process();
            StringBuilder line = new StringBuilder(head).append(String.format(Locale.ROOT, "%,11.0f/s  p99 %8s",
                    load.figures().throughputPerSec(), Units.micros(load.figures().latencyMicros().p99())));
            if (process.cpuMicrosPerRequest() != null) {
                line.append(String.format(Locale.ROOT, "  cpu %s/%s", Units.micros(process.cpuMicrosPerRequest()),
                        scenario.unit()));
            }
            if (process.bytesPerConnection() != null) {
                line.append("  ").append(Units.bytes(process.bytesPerConnection())).append("/conn");
            }
            line.append("  errors ").append(load.figures().errors());
            if (outcome.warmupSeconds() != null) {
                line.append(String.format(Locale.ROOT, "  warm-up %.1fs%s", outcome.warmupSeconds(),
                        Boolean.FALSE.equals(outcome.steadyState()) ? " (not steady)" : ""));
            }
            progress.println(line);
        }
        progress.flush();
    }
}
