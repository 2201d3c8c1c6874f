package io.vtnio.compare;

import io.vtnio.compare.launch.BuiltInServer;
import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.launch.JavaLaunch;
import io.vtnio.compare.probe.MachineProbe;
import io.vtnio.compare.probe.NoiseProbe;
import io.vtnio.compare.probe.ProcFs;
import io.vtnio.compare.profile.SyscallCounter;
import io.vtnio.compare.report.HtmlReport;
import io.vtnio.compare.report.NoiseSection;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ContestantInfo;
import io.vtnio.compare.report.summary.MachineNoise;
import io.vtnio.compare.report.summary.SummaryFile;
import io.vtnio.compare.report.table.CpuLines;
import io.vtnio.compare.round.Diagnostics;
import io.vtnio.compare.round.MemoryProbe;
import io.vtnio.compare.round.RoundRunner;
import io.vtnio.compare.scenario.ScalingSteps;
import io.vtnio.compare.scenario.ScenarioCatalog;
import io.vtnio.compare.scenario.ScenarioSizes;
import io.vtnio.compare.scenario.WireProtocol;
import io.vtnio.loadgen.run.LatencyObjective;
import io.vtnio.compare.stats.Verdict;
import io.vtnio.core.HumanDuration;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.loadgen.run.Warmup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtnio compare}: runs the servers side by side in alternating rounds, each in its own
 * JVM on the same options and pinned away from the generator, and writes the table on stdout,
 * {@code DIR/summary.json} and {@code DIR/report.html} (docs/compare.md), each scenario decided
 * by a confidence interval over paired rounds ({@link io.vtnio.compare.stats.Verdict}). A {@code --server}
 * contestant is first checked with {@code vtnio verify}'s rules ({@link ContestantVerifier}) and refused
 * when it fails one, unless {@code --no-verify}. Exit codes: 0 when every run gave a result without
 * errors, 1 otherwise (a refused contestant too), 2 for bad usage.
 *
 * <pre>
 * vtnio compare                                   # the default set, about 6 minutes on 2 cores
 * vtnio compare --quick                           # echo and idle, one round, about a minute
 * vtnio compare --scenario backend --rounds 6 --threshold 5
 * vtnio compare --server netty='java -jar netty-echo.jar --port {port} --threads {cpus}' --scenario echo
 * vtnio compare --server-cpus 4                   # server on 4 CPUs, each contestant told 4
 * vtnio compare --scaling                         # echo peak and backend at 1, 2, 4, ... server CPUs
 * </pre>
 *
 * <p>Threading: {@link #call} on the caller's thread.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run the servers side by side in rounds of alternating order (A B, B A, ...), each run a fresh "
                + "JVM on the same options that warms up until steady, and write a side-by-side table, "
                + "DIR/summary.json and a self-contained DIR/report.html. Each scenario ends with a verdict from the "
                + "95%% interval of its paired ratios: 'X ahead', 'even' or 'inconclusive'.",
            "Scenarios: echo (closed loop for the peak, then an open loop at half of it for latency), idle "
                + "(memory per connection), fanout (chat), churn (hello), backend (--work sleep:5ms); by name "
                + "or all: capacity (latency against offered load, capacity at --slo), overload (half the lower "
                + "capacity, 1.5x it, half again, for echo and for the slow backend: growth, recovery, memory)."})
public final class CompareCommand implements Callable<Integer> {

    /**
     * The capacity scenario's objective. On this 2-core VM (2026-12-06) a 1.5 s step's p99 was 3-9 ms
     * at any load below the knee, set by the machine's stalls rather than the server (at 2,461/s
     * as at 39,375/s), and about one step in eight caught a 90-100 ms stall: p99=5ms measured the
     * machine. 10 ms clears that floor; the capacity rule (the highest rate that met it) is not
     * lowered by a stalled step below it.
     */
    static final String DEFAULT_OBJECTIVE = "p99=10ms";
    /**
     * A fixed, pre-touched heap: resident memory then grows only by what is not heap. In huge
     * pages where the kernel offers them (madvise), because touching 256 MiB in 4 KiB pages took
     * 0.8 s of every server's start on this VM, in 2 MiB pages under 0.1 s (2026-12-06); a kernel
     * without them earns a JVM warning on stderr and 4 KiB pages.
     */
    static final String DEFAULT_JVM_OPTIONS =
            "-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages -XX:+UseSerialGC";

    /** A busier machine than this at the start (share of all CPU time) earns a note that figures are noisy. */
    private static final double BUSY_SHARE = 0.2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--servers", split = ",", defaultValue = "vt,nio", paramLabel = "NAME",
            description = "Contestants in table order: vt, nio, pt (vt's code on platform threads), with --protocol http "
                    + "also helidon (Helidon SE, a virtual thread per connection) and netty (Netty's event loops), and "
                    + "names given with --server (default: ${DEFAULT-VALUE}).")
    private List<String> servers;

    @Option(names = "--server", paramLabel = "NAME=COMMAND",
            description = {"One more contestant: a shell command that starts any server speaking the protocol. "
                    + "Placeholders: {port} (a free port; ready when it accepts a connection; without it the server "
                    + "must print 'listening HOST:PORT' first, as with --port 0), {mode} (echo|chat|hello), "
                    + "{work} (none|sleep:5ms), {flags} (all vtnio server flags), {cpus} (the server's CPU count, "
                    + "for its event loops or threads, as nio gets --loops; without it the report says the command "
                    + "was not told). With none of {port}, {mode}, {work}, {flags}, '--port 0' and the vtnio server "
                    + "flags are appended.",
                "{jfr}: with --profile, the JVM option that records the run with the JDK Flight Recorder (put it "
                    + "among a JVM contestant's options: java {jfr} -jar my-server.jar); empty without --profile."})
    private List<String> commands = new ArrayList<>();

    @Option(names = "--scenario", split = ",", paramLabel = "NAME",
            description = "echo, capacity, idle, fanout, churn, backend, overload or all; repeat or separate with "
                    + "commas (default: echo, idle, fanout, churn and backend; with --quick: echo,idle). capacity "
                    + "sweeps offered load up to past echo's peak when echo runs too (it takes minutes); overload "
                    + "starts from the capacity, echo and backend results of the same run where there are any.")
    private List<String> scenarioNames;

    @Option(names = "--protocol", paramLabel = "line|http", defaultValue = "line",
            description = "What the scenarios run over: vtnio's line protocol, or HTTP/1.1 (every message a keep-alive "
                    + "GET /plaintext; the servers run --mode http), where the frameworks helidon (Helidon SE, virtual "
                    + "threads) and netty (event loops) can join --servers. HTTP runs echo, capacity, idle, backend and "
                    + "overload (default: echo, capacity and backend) (default: ${DEFAULT-VALUE}).")
    private String protocolName;

    @Option(names = "--overload", paramLabel = "FACTOR", defaultValue = "1.5",
            description = "The overload scenario's middle phase: this many times the lower capacity, more than 1 "
                    + "and at most 10 (default: ${DEFAULT-VALUE}).")
    private double overloadFactor;

    @Option(names = "--slo", paramLabel = "PERCENTILE=DURATION", defaultValue = DEFAULT_OBJECTIVE,
            description = "The latency objective of the capacity scenario, and the one overload's recovery is judged "
                    + "by (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--quick", description = "Small and short: echo and idle, one round each with warm-ups of at "
            + "most 3s, in about a minute; a single round gives no interval, so its verdicts say inconclusive.")
    private boolean quick;

    @Option(names = "--rounds", paramLabel = "auto|N", defaultValue = "auto",
            description = {"Rounds of each scenario; a round runs every contestant once, in an order that "
                    + "alternates from round to round (A B, B A, ...), and gives one pair of evidence.",
                "auto (default): at least 3 (--quick: 1), then more while a verdict is inconclusive and --max-time "
                    + "allows, up to " + RoundPlan.MOST_AUTO_ROUNDS + ". N: exactly N. A verdict needs 3 rounds "
                    + "or more."})
    private String rounds;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Time budget of --rounds auto, shared out among the scenarios "
                    + "(default: 5m; with --quick: 1m). The minimum rounds always run.")
    private Duration maxTime;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "10",
            description = "Practical threshold of the verdicts, in percent (default: ${DEFAULT-VALUE}): 'X ahead' "
                    + "when the whole 95%% interval of the ratio lies beyond it, 'even' when the whole interval lies "
                    + "within it, else 'inconclusive'.")
    private double thresholdPct;

    @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: results/<timestamp>).")
    private Path out;

    @Option(names = "--jvm-opts", paramLabel = "OPTIONS", defaultValue = DEFAULT_JVM_OPTIONS,
            description = "JVM options of every built-in server, the same for all (default: ${DEFAULT-VALUE}).")
    private String jvmOptions;

    @Option(names = "--no-pin", description = "Do not pin server and generator to separate CPUs with taskset.")
    private boolean noPin;

    @Option(names = "--server-cpus", paramLabel = "N",
            description = {"CPUs of the server; the generator gets the rest, at least one (default: half the CPUs, "
                    + "rounded down, at least 1). Every contestant is told N: nio --loops N, vt "
                    + "-Djdk.virtualThreadScheduler.parallelism=N, a --server command {cpus}; the generator "
                    + "--threads with its own count. Not pinned, both share all CPUs and N defaults to all of them."})
    private Integer serverCpus;

    @Option(names = "--scaling", description = {"Run the echo peak (closed loop) and backend scenarios at 1, 2, 4, "
            + "... server CPUs, up to half the CPUs (the generator keeps at least as many as the server), and "
            + "chart requests/s and server CPU per request against server CPUs, one line per contestant. "
            + "Takes no --scenario or --server-cpus."})
    private boolean scaling;

    @Option(names = "--duration", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Measured time of every scenario "
                    + "(default: 2s for echo, 1.5s for the others; with --quick: 1s).")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "auto|DURATION", defaultValue = "auto", converter = Warmup.Converter.class,
            description = {"Warm-up of every run. auto (default): until the throughput (open loop: the median "
                    + "latency) of consecutive 250 ms intervals is steady and, for vtnio's servers, their JIT has gone quiet, at most --warmup-max. "
                    + "A duration fixes it (idle keeps at least 1s, room for its memory probe)."})
    private Warmup warmup;

    @Option(names = "--warmup-max", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Upper bound of an auto warm-up (default: 15s; with --quick: 3s).")
    private Duration warmupMax;

    @Option(names = "--echo-rate", paramLabel = "PER_SEC",
            description = "Rate of the echo open loop (default: half the lower of the servers' median peaks). "
                    + "Fix it when runs must be compared with each other, e.g. against a CI baseline.")
    private Long echoRate;

    @Option(names = "--profile", description = "Record every server run with the JDK Flight Recorder "
            + "(DIR/SCENARIO/SERVER-ROUND.jfr; built-in servers, and --server commands that say {jfr}) and show per "
            + "scenario and contestant the hottest methods, GC pauses and virtual-thread pinning of the measured window.")
    private boolean profile;

    @Option(names = "--syscalls", description = "Count every server run's system calls per request by kind (read, "
            + "write, epoll_ctl, epoll_wait, futex, all) with perf stat, where perf is present and allowed; elsewhere "
            + "the report says why they were not measured.")
    private boolean syscalls;

    @Option(names = "--no-verify", description = "Measure --server contestants without first checking them with "
            + "vtnio verify's rules (by default one that fails a rule is refused, exit 1).")
    private boolean noVerify;

    @Option(names = "--idle-connections", paramLabel = "N",
            description = "Connections the idle scenario holds open (default: 5000; with --quick: 2000).")
    private Integer idleConnections;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        WireProtocol protocol = protocol();
        List<Contestant> contestants = contestants();
        for (Contestant contestant : contestants) {
            require(protocol == WireProtocol.HTTP || contestant.builtIn() == null || !contestant.builtIn().isFramework(),
                    contestant.name() + " speaks HTTP only: add --protocol http");
        }
        List<String> chosen = scenarioNames(protocol);
        RoundPlan plan = roundPlan();
        require(thresholdPct > 0 && thresholdPct < 100, "--threshold must be more than 0 and less than 100 percent, got "
                + thresholdPct);
        require(duration == null || !duration.isZero(), "--duration must be more than 0");
        require(overloadFactor > 1 && overloadFactor <= ScenarioCatalog.MOST_OVERLOAD,
                "--overload must be more than 1 and at most 10, got " + overloadFactor);
        require(echoRate == null || echoRate >= 1, "--echo-rate must be at least 1, got " + echoRate);
        List<String> jvmOptionList = jvmOptionList();
        LatencyObjective latencyObjective = latencyObjective();
        require(!scaling || scenarioNames == null, "--scaling runs echo-peak and backend at every step; drop --scenario");
        require(!scaling || serverCpus == null, "--scaling chooses the server CPUs of each step; drop --server-cpus");
        require(!scaling || protocol == WireProtocol.LINE, "--scaling runs the line protocol; drop --protocol http");
        CpuPlan cpus = cpuPlan();
        ScalingSteps steps = scaling ? ScalingSteps.detect(!noPin) : null;
        if (scaling) {
            chosen = Comparison.SCALING_SCENARIOS;
        }
        List<String> notes = new ArrayList<>();
        ScenarioSizes sizes = sizes(notes);
        Path outDir = outDir();
        require(!Files.exists(outDir) || Files.isDirectory(outDir), "--out: " + outDir + " exists and is not a directory");
        double busy = ProcFs.othersBusy(Duration.ofMillis(300));
        if (busy > BUSY_SHARE) {
            notes.add(String.format(Locale.ROOT, "the machine was busy when the comparison began (%.0f%% of its CPU "
                    + "time in use by other processes): the figures are noisier than on an idle machine", busy * 100));
        }
        Files.createDirectories(outDir);

        JavaLaunch java = JavaLaunch.current(jvmOptionList);
        String cpuSharing = scaling ? String.join(" | ", steps.plans().stream().map(CpuPlan::description).toList())
                : cpus.description();
        stderr.printf(Locale.ROOT, "vtnio compare: %s; %s; rounds %s; warm-up %s; %s%nwriting to %s%n",
                String.join(" vs ", contestants.stream().map(Contestant::name).toList()), String.join(", ", chosen),
                plan.isAuto() ? "auto (at least " + plan.minRounds() + ", within " + HumanDuration.format(budget())
                        + ")" : Integer.toString(plan.minRounds()), sizes.warmup().describe(),
                cpuSharing, outDir);
        if (scaling) {
            stderr.println("vtnio compare --scaling: " + steps.explanation());
        } else {
            CpuLines.of(ContestantInfos.of(contestants, java, cpus), cpus.info())
                    .forEach(line -> stderr.println("  " + line));
        }
        stderr.flush();

        ContestantVerifier verifier = new ContestantVerifier(java, cpus, outDir.resolve("verify"), stderr);
        ScenarioCatalog catalog = new ScenarioCatalog(sizes, overloadFactor, protocol);
        verifier.verifyAll(contestants, catalog.modes(chosen), noVerify);
        if (!verifier.refusals().isEmpty()) {
            for (String refusal : verifier.refusals()) {
                stderr.println("vtnio compare: refusing " + refusal + "; --no-verify measures it anyway");
            }
            stderr.flush();
            return 1;
        }

        CpuPlan probed = scaling ? steps.plans().getLast() : cpus;
        NoiseProbe noise = NoiseProbe.forCpus(probed.serverCpus(), probed.generatorCpus());
        noise.checkpoint("before");
        Diagnostics diagnostics = new Diagnostics(profile, syscalls ? SyscallCounter.probe("perf") : null);
        if (diagnostics.syscalls() != null && !diagnostics.countsSyscalls()) {
            notes.add("system calls were not measured: " + diagnostics.syscalls().notMeasured());
            stderr.println("vtnio compare: --syscalls: not measured (" + diagnostics.syscalls().notMeasured() + ")");
        }
        RoundRunner runner = runner(java, cpus, outDir, stderr, diagnostics);
        Comparison comparison = new Comparison(runner, catalog, contestants, plan, thresholdPct,
                outDir, echoRate, latencyObjective, noise);
        if (scaling) {
            comparison.runScaling(steps.plans(), step -> runner(java, step, outDir, stderr, diagnostics));
        } else {
            comparison.run(chosen);
        }
        MachineNoise machineNoise = noise.result();

        notes.addAll(comparison.notes());
        notes.addAll(machineNoise.warnings(thresholdPct));
        CompareSummary summary = new CompareSummary("vtnio", CompareSummary.KIND, ManifestVersionProvider.version(),
                startedAt.toString(), Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0, commandLine(),
                comparison.mostRounds(), comparison.order(), verified(ContestantInfos.of(contestants, java, scaling ? null : cpus), verifier),
                String.join(" ", java.jvmOptions()), cpuSharing, MachineProbe.describe(),
                comparison.scenarios(), comparison.results(), notes, plan.isAuto(), thresholdPct,
                comparison.verdicts(), machineNoise, scaling ? null : cpus.info(),
                scaling ? ScalingResults.of(steps, contestants, java, comparison.results()) : null);
        Path summaryFile = outDir.resolve("summary.json");
        SummaryFile.write(summaryFile, summary);
        Path reportFile = outDir.resolve("report.html");
        String reportProblem = null;
        try {
            HtmlReport.write(reportFile, outDir, summary);
        } catch (IOException | RuntimeException | LinkageError e) {
            reportProblem = "the HTML report could not be written: " + e;
        }
        SideBySideTable.print(stdout, summary);
        ScalingTable.print(stdout, summary);
        stdout.println(NoiseSection.summaryLine(machineNoise));
        stdout.println();
        stdout.println("report:  " + reportFile);
        stdout.println("summary: " + summaryFile + " (gate CI with: vtnio check " + summaryFile + " --max-errors 0)");
        stdout.flush();
        if (reportProblem != null) {
            stderr.println("vtnio compare: " + reportProblem);
        }
        stderr.printf(Locale.ROOT, "vtnio compare: done in %.1fs%n", (System.nanoTime() - startNanos) / 1e9);
        stderr.flush();
        return comparison.failedRuns() == 0 && comparison.errors() == 0 && reportProblem == null ? 0 : 1;
    }

    private List<Contestant> contestants() {
        List<Contestant> custom = new ArrayList<>();
        for (String command : commands) {
            try {
                custom.add(Contestant.parse(command));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<Contestant> chosen = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String name : servers) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Contestant contestant = custom.stream().filter(c -> c.name().equals(trimmed)).findFirst().orElse(null);
            if (contestant == null) {
                BuiltInServer builtIn = BuiltInServer.named(trimmed);
                require(builtIn != null, "--servers: unknown server '" + trimmed
                        + "'; use vt, nio, pt, helidon, netty (HTTP) or a name given with --server NAME=COMMAND");
                contestant = Contestant.builtIn(builtIn);
            }
            require(names.add(contestant.name()), "--servers names '" + trimmed + "' twice");
            chosen.add(contestant);
        }
        for (Contestant contestant : custom) {
            if (names.add(contestant.name())) {
                chosen.add(contestant);
            }
        }
        require(!chosen.isEmpty(), "no server to compare: give --servers or --server");
        return chosen;
    }

    /** {@code --jvm-opts} split at white space; each must be an option, or java would take it for the main class. */
    private List<String> jvmOptionList() {
        List<String> options = Arrays.stream(jvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
        for (String option : options) {
            require(option.startsWith("-"), "--jvm-opts: '" + option + "' is not a JVM option (they start with -)");
        }
        return options;
    }

    /** {@code --slo}, parsed. */
    private LatencyObjective latencyObjective() {
        try {
            return LatencyObjective.parse(objective);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--slo: " + e.getMessage());
        }
    }

    /** {@code --protocol}, parsed. */
    private WireProtocol protocol() {
        try {
            return WireProtocol.parse(protocolName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<String> scenarioNames(WireProtocol protocol) {
        if (scenarioNames == null || scenarioNames.isEmpty()) {
            if (quick) {
                return protocol == WireProtocol.LINE ? ScenarioCatalog.QUICK : List.of("echo");
            }
            return protocol.defaultScenarios();
        }
        List<String> chosen = new ArrayList<>();
        for (String name : scenarioNames) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.equals("all")) {
                return protocol.scenarios();
            }
            require(ScenarioCatalog.ALL.contains(trimmed), "--scenario: unknown scenario '" + name + "'; use "
                    + String.join(", ", ScenarioCatalog.ALL) + " or all");
            require(protocol.scenarios().contains(trimmed), "--scenario " + trimmed + " runs the line protocol only; "
                    + "over --protocol " + protocol.label() + " use " + String.join(", ", protocol.scenarios()));
            chosen.add(trimmed);
        }
        return chosen;
    }

    /** {@code --rounds}: auto or a count. */
    private RoundPlan roundPlan() {
        String text = rounds.trim().toLowerCase(Locale.ROOT);
        if (text.equals("auto")) {
            require(maxTime == null || !maxTime.isZero(), "--max-time must be more than 0");
            return RoundPlan.auto(quick ? 1 : Verdict.FEWEST_PAIRS_TO_DECIDE, budget());
        }
        require(maxTime == null, "--max-time applies to --rounds auto");
        int count;
        try {
            count = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--rounds takes auto or a count, got '" + rounds + "'");
        }
        require(count >= 1 && count <= 100, "--rounds must be auto or 1..100, got " + count);
        return RoundPlan.fixed(count);
    }

    private Duration budget() {
        return maxTime != null ? maxTime : quick ? Duration.ofMinutes(1) : Duration.ofMinutes(5);
    }

    /** {@code --warmup}: null for auto, else the fixed duration. */
    private Duration fixedWarmup() {
        if (warmup.isAuto()) {
            return null;
        }
        require(warmupMax == null, "--warmup-max applies to --warmup auto");
        return warmup.fixed();
    }

    private ScenarioSizes sizes(List<String> notes) {
        ScenarioSizes sizes = quick ? ScenarioSizes.QUICK : ScenarioSizes.DEFAULT;
        if (warmupMax != null) {
            require(!warmupMax.isZero(), "--warmup-max must be more than 0");
            sizes = sizes.withWarmupMax(warmupMax);
        }
        sizes = sizes.withTimes(fixedWarmup(), duration);
        if (idleConnections != null) {
            require(idleConnections >= 1, "--idle-connections must be at least 1, got " + idleConnections);
            sizes = sizes.withIdleConnections(idleConnections);
        }
        long limit = MachineProbe.descriptorLimit();
        int headroom = 200;
        if (limit > 0 && sizes.idleConnections() + headroom > limit) {
            int fitting = (int) Math.max(1, limit - headroom);
            notes.add(String.format(Locale.ROOT, "idle holds %,d connections instead of %,d: the descriptor limit is "
                    + "%,d (raise it with ulimit -n)", fitting, sizes.idleConnections(), limit));
            sizes = sizes.withIdleConnections(fitting);
        }
        return sizes;
    }

    private Path outDir() {
        if (out != null) {
            return out.toAbsolutePath().normalize();
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return Path.of("results", stamp).toAbsolutePath().normalize();
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        StringBuilder line = new StringBuilder("vtnio compare");
        if (!args.isEmpty() && args.getFirst().equals("compare")) {
            args = args.subList(1, args.size());
        }
        for (String arg : args) {
            boolean plain = arg.matches("[A-Za-z0-9_./:=,+@%-]+");
            line.append(' ').append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    private static RoundRunner runner(JavaLaunch java, CpuPlan cpus, Path outDir, PrintWriter progress,
                                      Diagnostics diagnostics) {
        return new RoundRunner(java, cpus, new MemoryProbe(java.jcmd(), cpus.pinning()), outDir, progress,
                diagnostics);
    }

    private static List<ContestantInfo> verified(List<ContestantInfo> infos, ContestantVerifier verifier) {
        return infos.stream().map(info -> info.withVerification(verifier.summaries().get(info.name()))
                .withFramework(verifier.frameworks().get(info.name()))).toList();
    }

    /** The CPU plan of {@code --no-pin} and {@code --server-cpus}; a count that does not fit is bad usage. */
    private CpuPlan cpuPlan() {
        try {
            return CpuPlan.detect(!noPin, serverCpus);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
