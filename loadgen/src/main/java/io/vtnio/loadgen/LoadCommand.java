package io.vtnio.loadgen;

import io.vtnio.core.ByteSize;
import io.vtnio.core.HumanDuration;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.core.Mode;
import io.vtnio.core.Protocol;
import io.vtnio.loadgen.report.LatencyFigures;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtnio load}: drives load against any server that speaks the vtnio protocol, verifies
 * every reply, and reports latency free of coordinated omission (docs/load.md). Exit codes:
 * 0 ok, 1 errors or a target that cannot be reached, 2 bad usage.
 *
 * <pre>
 * vtnio load --port 8001 --connections 1000 --duration 10s                # closed model
 * vtnio load --port 8001 --connections 1000 --rate 50000 --hlog run.hlog  # open model
 * vtnio load --mode chat --publishers 4 --rate 2000 --connections 200
 * vtnio load --mode hello --rate 5000
 * vtnio load --port 8001 --warmup auto --server-stats server.out                  # measure once steady
 * </pre>
 *
 * <p>Threading: {@link #call} on the caller's thread, which becomes the run's reporter.
 */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Drive load against a server that speaks the vtnio protocol, verify every reply, "
                + "and report latency (microseconds, HdrHistogram).",
            "Closed model without --rate; open model (latency from the scheduled send, as wrk2) with it."})
public final class LoadCommand implements Callable<Integer> {

    /** Longest {@code --payload}: its reply, suffix and slack must still fit a decoder's int length. */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;
    /**
     * Longest {@code --duration}, {@code --warmup}, {@code --warmup-max} and {@code --timeout}:
     * their sum stays far from overflowing nanoTime.
     */
    static final Duration MAX_TIME = Duration.ofDays(365);
    /** Highest {@code --rate} and {@code --connect-rate}: one event a nanosecond. */
    static final double MAX_RATE_PER_SEC = 1e9;

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target = new TargetOptions();

    @Option(names = "--mode", defaultValue = "echo", paramLabel = "MODE", converter = ModeConverter.class,
            description = "echo, chat or hello (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", paramLabel = "DURATION",
            converter = HumanDuration.Converter.class,
            description = "Measured time, after the warm-up (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "DURATION|auto", converter = Warmup.Converter.class,
            description = "Traffic before measuring, recorded apart and not reported; auto: until the throughput "
                    + "of 250 ms intervals is stable and, with --server-stats, the server's JIT is quiet "
                    + "(default: ${DEFAULT-VALUE}).")
    private Warmup warmup;

    @Option(names = "--warmup-max", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "With --warmup auto: the longest warm-up; measuring starts then, steady or not "
                    + "(default: 30s).")
    private Duration warmupMax;

    @Option(names = "--server-stats", paramLabel = "FILE",
            description = "With --warmup auto: the file the server writes its stats lines to (its stdout, at "
                    + "--stats-interval 250ms or shorter); warm-up then also waits for its JIT to go quiet.")
    private Path serverStats;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Longest wait for a reply or a connect; later is an error (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--rate", paramLabel = "PER_SEC",
            description = "Open model: messages a second over all connections (chat: lines over all publishers; "
                    + "hello: connects). Without it the model is closed.")
    private Double ratePerSec;

    @Option(names = "--payload", defaultValue = "32", paramLabel = "BYTES", converter = ByteSize.IntConverter.class,
            description = "Message length without the newline; chat lines are at least "
                    + ChatLine.HEADER_BYTES + " (default: ${DEFAULT-VALUE}).")
    private int payloadBytes;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "DEPTH",
            description = "Closed model: requests outstanding per connection (chat: lines per publisher) "
                    + "(default: ${DEFAULT-VALUE}).")
    private int pipelineDepth;

    @Option(names = "--publishers", paramLabel = "K",
            description = "Chat: how many of the connections publish (default: 1).")
    private Integer publishers;

    @Option(names = "--suffix", defaultValue = Protocol.DEFAULT_SUFFIX, paramLabel = "TEXT",
            description = "What the echo server appends to each message; may be empty (default: ${DEFAULT-VALUE}).")
    private String suffix;

    @Option(names = "--greeting", defaultValue = Protocol.DEFAULT_GREETING, paramLabel = "TEXT",
            description = "What the hello server must send before the newline (default: ${DEFAULT-VALUE}).")
    private String greeting;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event loops (default: the lesser of the processors and the connections).")
    private Integer threads;

    @Option(names = "--processes", defaultValue = "1", paramLabel = "N",
            description = "Split the run over N local processes, each with 1/N of the connections and the rate, "
                    + "and merge their results (default: ${DEFAULT-VALUE}).")
    private int processes;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT",
            description = "Drive only part INDEX (from 0) of COUNT of the run given by the other options; "
                    + "for running on several machines, e.g. one Kubernetes pod each.")
    private String shard;

    @Option(names = "--hlog", paramLabel = "FILE",
            description = "Write an HdrHistogram interval log: one latency and one service histogram a second "
                    + "(microseconds), warm-up excluded.")
    private Path hlog;

    @Mixin
    private ResultFileOptions results = new ResultFileOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadConfig config = toConfig();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (processes > 1) {
            return new ProcessSplitRun(this, processes, out, err).run(config);
        }
        IntervalLog log = hlog == null ? null : openLog(hlog, describe(config));
        RunResult result = new LoadRun(config, err, log).execute();
        LoadSummary summary = summarize(config, result);
        if (result.abortMessage() != null) {
            err.println("vtnio load: " + result.abortMessage());
            err.flush();
        }
        SummaryTable.print(out, describe(config), summary);
        if (log != null) {
            log.writeSummary(summary);
            log.close();
        }
        results.write(summary, result.latency());
        return summary.figures().errors() > 0 || result.abortMessage() != null ? 1 : 0;
    }

    private IntervalLog openLog(Path file, String description) {
        try {
            return IntervalLog.create(file, description);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--hlog: cannot write " + file + ": " + e.getMessage());
        }
    }

    LoadSummary summarize(LoadConfig config, RunResult result) {
        long requests = result.latency().getTotalCount();
        double seconds = result.measuredSeconds();
        Map<String, Long> byKind = new LinkedHashMap<>();
        result.errors().byKind().forEach((kind, count) -> byKind.put(kind.jsonName(), count));
        return new LoadSummary(new LoadFigures(LoadFigures.TOOL, ManifestVersionProvider.version(), config.modeName(),
                config.modelName(), config.label(), config.connections(), LogMerge.round(seconds), requests,
                result.errors().total(), LogMerge.round(seconds > 0 ? result.repliesInWindow() / seconds : 0.0),
                config.targetRatePerSec() == null ? null : LogMerge.round(config.targetRatePerSec()),
                LatencyFigures.of(result.latency()), LatencyFigures.of(result.service())), byKind, 1,
                Math.round(result.warmupSeconds() * 100.0) / 100.0, result.steadyState(),
                result.errors().messagesByKind());
    }

    /** One line saying what runs against what, for the summary and the interval log. */
    static String describe(LoadConfig config) {
        return describe(config, true);
    }

    /** As {@link #describe(LoadConfig)}; without the thread count when it is not this process's. */
    static String describe(LoadConfig config, boolean withThreads) {
        StringBuilder text = new StringBuilder("vtnio load: ").append(config.modeName()).append(", ")
                .append(config.modelName()).append(" model");
        if (config.openModel()) {
            String unit = switch (config.mode()) {
                case CHAT -> " lines";
                case HELLO -> " connects";
                case ECHO -> "";
            };
            text.append(String.format(Locale.ROOT, " at %,.1f%s/s", config.ratePerSec(), unit));
        }
        if (config.mode() == Mode.HELLO) {
            // Hello churns: --connections is how many connects are in flight (closed model) and
            // means nothing in the open model, where the rate alone decides.
            if (!config.openModel()) {
                text.append(", ").append(config.connections()).append(" concurrent connects");
            }
        } else {
            text.append(", ").append(config.connections()).append(" connections");
            if (config.mode() == Mode.CHAT) {
                text.append(" (").append(config.publishers()).append(" publishing)");
            }
            text.append(", ").append(config.payloadBytes()).append("-byte ")
                    .append(config.mode() == Mode.CHAT ? "lines" : "payload");
            if (!config.openModel()) {
                text.append(", pipeline ").append(config.pipelineDepth());
            }
        }
        text.append(" to ").append(config.addresses().describe());
        if (withThreads) {
            text.append(", ").append(config.threads()).append(config.threads() == 1 ? " thread" : " threads");
        }
        if (!config.shard().isWhole()) {
            text.append(", shard ").append(config.shard());
        }
        text.append(", ").append(HumanDuration.format(config.duration())).append(" after ")
                .append(config.warmup().describe());
        return text.toString();
    }

    /**
     * Validates the options together and builds this process's configuration.
     *
     * @throws ParameterException naming the bad option (exit code 2)
     */
    LoadConfig toConfig() {
        require(!target.host.isBlank(), "--host must name a host, got '" + target.host + "'");
        for (String bind : target.bindAddresses) {
            require(!bind.isBlank(), "--bind must name an address, got '" + bind + "'");
        }
        require(target.connections >= 1, "--connections must be at least 1, got " + target.connections);
        for (int port : target.portsOrDefault()) {
            require(port >= 1 && port <= 65_535, "--port must be 1..65535, got " + port);
        }
        requireTime("--duration", duration, false);
        Warmup chosenWarmup = chooseWarmup();
        requireTime("--timeout", timeout, false);
        require(payloadBytes >= 1 && payloadBytes <= MAX_PAYLOAD_BYTES,
                "--payload must be 1.." + MAX_PAYLOAD_BYTES + " bytes (64m), got " + payloadBytes);
        require(pipelineDepth >= 1 && pipelineDepth <= 1_000_000, "--pipeline must be 1..1000000, got " + pipelineDepth);
        if (ratePerSec != null) {
            requireRate("--rate", ratePerSec);
            require(pipelineDepth == 1, "--pipeline applies to the closed model only; drop it or drop --rate");
        }
        if (target.connectRatePerSec != null) {
            requireRate("--connect-rate", target.connectRatePerSec);
        }
        require(suffix.indexOf('\n') < 0, "--suffix must not hold a newline: it ends the reply");
        require(greeting.indexOf('\n') < 0, "--greeting must not hold a newline: it ends the greeting");
        require(mode == Mode.CHAT || publishers == null, "--publishers applies to --mode chat only");
        int totalPublishers = publishers == null ? 1 : publishers;
        if (mode == Mode.CHAT) {
            require(totalPublishers >= 1 && totalPublishers <= target.connections,
                    "--publishers must be 1..--connections (" + target.connections + "), got " + totalPublishers);
        }
        require(threads == null || (threads >= 1 && threads <= 1024), "--threads must be 1..1024, got " + threads);
        require(processes >= 1, "--processes must be at least 1, got " + processes);
        require(processes <= target.connections, "--processes (" + processes
                + ") must not exceed --connections (" + target.connections + ")");
        require(processes == 1 || shard == null, "--processes and --shard do not go together");
        results.validate(spec.commandLine());
        ResultFileOptions.requireDirectory(spec.commandLine(), "--hlog", hlog);
        Shard part = parseShard();
        require(part.count() <= target.connections, "--shard count (" + part.count()
                + ") must not exceed --connections (" + target.connections + ")");

        int connections = part.share(target.connections);
        long perProcess = DescriptorLimit.connectionsPerProcess();
        if (processes == 1 && mode != Mode.HELLO && connections > perProcess) {
            long needed = (target.connections + perProcess - 1) / perProcess;
            throw new ParameterException(spec.commandLine(), connections + " connections exceed what one process may "
                    + "open (descriptor limit " + DescriptorLimit.max() + "); use --processes " + needed
                    + " or more, or raise the limit (ulimit -n)");
        }
        double totalRate = ratePerSec == null ? 0 : ratePerSec;
        int shardPublishers = mode == Mode.CHAT ? part.share(totalPublishers) : 0;
        double rate = switch (mode) {
            case ECHO -> totalRate * connections / target.connections;
            case CHAT -> totalRate * shardPublishers / totalPublishers;
            case HELLO -> totalRate / part.count();
        };
        int loopCount = threads != null ? threads
                : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), connections));
        return new LoadConfig(mode, addresses(), connections, target.connections, part.offset(target.connections),
                target.connectRatePerSec == null ? 0 : target.connectRatePerSec * connections / target.connections,
                chosenWarmup, duration, timeout, payloadBytes, pipelineDepth, totalRate, rate, totalPublishers,
                mode == Mode.CHAT ? part.offset(totalPublishers) : 0, shardPublishers,
                suffix.getBytes(StandardCharsets.UTF_8), greeting.getBytes(StandardCharsets.UTF_8),
                Math.min(loopCount, Math.max(1, connections)), part, results.label);
    }

    /** {@code --warmup} with {@code --warmup-max} and {@code --server-stats}, which only auto takes. */
    private Warmup chooseWarmup() {
        if (!warmup.isAuto()) {
            requireTime("--warmup", warmup.fixed(), true);
            require(warmupMax == null, "--warmup-max applies to --warmup auto");
            require(serverStats == null, "--server-stats applies to --warmup auto");
            return warmup;
        }
        if (warmupMax != null) {
            requireTime("--warmup-max", warmupMax, false);
        }
        if (serverStats != null) {
            require(Files.isRegularFile(serverStats) && Files.isReadable(serverStats),
                    "--server-stats: cannot read " + serverStats
                            + (Files.exists(serverStats) ? " (not a readable file)" : " (no such file)"));
        }
        return Warmup.auto(warmupMax == null ? Warmup.DEFAULT_MAX : warmupMax, serverStats);
    }

    private Shard parseShard() {
        if (shard == null) {
            return Shard.WHOLE;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--shard: " + e.getMessage());
        }
    }

    private TargetAddresses addresses() {
        InetAddress host;
        try {
            host = InetAddress.getByName(target.host);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host: unknown host " + target.host);
        }
        List<InetSocketAddress> targets = new ArrayList<>();
        for (int port : target.portsOrDefault()) {
            targets.add(new InetSocketAddress(host, port));
        }
        List<InetAddress> binds = new ArrayList<>();
        for (String bind : target.bindAddresses) {
            try {
                binds.add(InetAddress.getByName(bind));
            } catch (UnknownHostException e) {
                throw new ParameterException(spec.commandLine(), "--bind: unknown address " + bind);
            }
        }
        return new TargetAddresses(targets, binds);
    }

    /** A duration above 0 (or equal to it where {@code zeroAllowed}) and at most {@link #MAX_TIME}. */
    private void requireTime(String option, Duration value, boolean zeroAllowed) {
        require(zeroAllowed || !value.isZero(), option + " must be more than 0");
        require(value.compareTo(MAX_TIME) <= 0, option + " must be at most "
                + MAX_TIME.toHours() + "h, got " + HumanDuration.format(value));
    }

    /** A rate above 0 and at most one event a nanosecond, which the schedule can still tell apart. */
    private void requireRate(String option, double perSec) {
        require(perSec > 0 && perSec <= MAX_RATE_PER_SEC, option + " must be more than 0 and at most "
                + String.format(Locale.ROOT, "%.0f", MAX_RATE_PER_SEC) + ", got " + perSec);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /**
     * The command line of one child of {@code --processes}: these options for the whole run,
     * plus {@code --shard INDEX/COUNT} and the child's own interval log; no result files.
     */
    List<String> childArguments(Shard part, Path childLog) {
        List<String> args = new ArrayList<>(List.of("load",
                "--host", target.host,
                "--connections", Integer.toString(target.connections),
                "--mode", ModeConverter.name(mode),
                "--duration", HumanDuration.format(duration),
                "--warmup", warmup.argument(),
                "--timeout", HumanDuration.format(timeout),
                "--payload", Integer.toString(payloadBytes),
                "--pipeline", Integer.toString(pipelineDepth),
                "--suffix=" + suffix,
                "--greeting=" + greeting,
                "--shard", part.toString(),
                "--hlog", childLog.toString()));
        for (int port : target.portsOrDefault()) {
            args.add("--port");
            args.add(Integer.toString(port));
        }
        for (String bind : target.bindAddresses) {
            args.add("--bind");
            args.add(bind);
        }
        if (warmupMax != null) {
            args.add("--warmup-max");
            args.add(HumanDuration.format(warmupMax));
        }
        if (serverStats != null) {
            args.add("--server-stats");
            args.add(serverStats.toString());
        }
        if (target.connectRatePerSec != null) {
            args.add("--connect-rate");
            args.add(Double.toString(target.connectRatePerSec));
        }
        if (ratePerSec != null) {
            args.add("--rate");
            args.add(Double.toString(ratePerSec));
        }
        if (publishers != null) {
            args.add("--publishers");
            args.add(Integer.toString(publishers));
        }
        if (threads != null) {
            args.add("--threads");
            args.add(Integer.toString(threads));
        }
        if (results.label != null) {
            args.add("--label=" + results.label);
        }
        return args;
    }

    ResultFileOptions results() {
        return results;
    }

    Path hlog() {
        return hlog;
    }
}
