package io.vtnio.loadgen.cli;

import io.vtnio.loadgen.wire.ChatLine;
import io.vtnio.core.ByteSize;
import io.vtnio.core.HumanDuration;
import io.vtnio.core.Mode;
import io.vtnio.core.ProtocolTextOptions;
import io.vtnio.loadgen.client.HttpRequestTemplate;
import io.vtnio.loadgen.run.LoadConfig;
import io.vtnio.loadgen.run.RatePhases;
import io.vtnio.loadgen.run.Shard;
import io.vtnio.loadgen.run.SweepPlan;
import io.vtnio.loadgen.run.Warmup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags of {@code vtnio load}, as one picocli mixin, and their validation: {@link #toConfig}
 * checks them together and turns them into this process's {@link LoadConfig}, as core's
 * {@code ServerOptions} does for the servers. The target ({@link TargetOptions}) and the result
 * files ({@link ResultFileOptions}, shared with {@code merge}) are mixins of their own inside it.
 * A new flag is declared here once: {@code --processes} hands the user's own arguments to its
 * children ({@link ChildArguments}), so it needs no second place.
 *
 * <p>Threading: filled in by picocli on the parsing thread, then read by {@link #toConfig} on the
 * command's thread.
 */
public final class LoadOptions {

    /** Longest {@code --payload}: its reply, suffix and slack must still fit a decoder's int length. */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;
    /**
     * Longest {@code --duration}, {@code --warmup}, {@code --warmup-max} and {@code --timeout}:
     * their sum stays far from overflowing nanoTime.
     */
    static final Duration MAX_TIME = Duration.ofDays(365);
    /** Highest {@code --rate} and {@code --connect-rate}: one event a nanosecond. */
    static final double MAX_RATE_PER_SEC = 1e9;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Mixin
    private TargetOptions target = new TargetOptions();

    @Option(names = "--mode", defaultValue = "echo", paramLabel = "MODE", converter = ModeConverter.class,
            description = "echo, chat, hello or http (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", paramLabel = "DURATION",
            converter = HumanDuration.Converter.class,
            description = "Measured time, after the warm-up (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "DURATION|auto", converter = Warmup.Converter.class,
            description = "Traffic before measuring, recorded apart and not reported; auto: until the throughput "
                    + "(open model: the median latency) of 250 ms intervals is stable and, with --server-stats, "
                    + "the server's JIT is quiet "
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

    @Option(names = "--phases", paramLabel = "RATE:DURATION,...",
            description = "Open model on a timetable, e.g. 20000:5s,60000:10s,20000:10s for an overload test: after "
                    + "the warm-up (at the first rate) each rate for its whole seconds, back to back on the same "
                    + "connections, measured throughout; --json gets per-phase figures and a row per second.")
    private String phases;

    @Option(names = "--payload", defaultValue = "32", paramLabel = "BYTES", converter = ByteSize.IntConverter.class,
            description = "Message length without the newline; chat lines are at least "
                    + ChatLine.HEADER_BYTES + "; http: the body of a POST or PUT without --body "
                    + "(default: ${DEFAULT-VALUE}).")
    private int payloadBytes;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "DEPTH",
            description = "Closed model: requests outstanding per connection (chat: lines per publisher) "
                    + "(default: ${DEFAULT-VALUE}).")
    private int pipelineDepth;

    @Option(names = "--publishers", paramLabel = "K",
            description = "Chat: how many of the connections publish (default: 1).")
    private Integer publishers;

    @Mixin
    private ProtocolTextOptions texts;

    @Mixin
    private HttpOptions http = new HttpOptions();

    @Mixin
    private SweepOptions sweepOptions = new SweepOptions();

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

    /**
     * Validates the options together and builds this process's configuration.
     *
     * @throws ParameterException naming the bad option (exit code 2)
     */
    public LoadConfig toConfig() {
        require(!target.host.isBlank(), "--host must name a host, got '" + target.host + "'");
        for (String bind : target.bindAddresses) {
            require(!bind.isBlank(), "--bind must name an address, got '" + bind + "'");
        }
        require(target.connections >= 1, "--connections must be at least 1, got " + target.connections);
        for (int port : target.portsOrDefault()) {
            require(port >= 1 && port <= 65_535, "--port must be 1..65535, got " + port);
        }
        requireTime("--duration", duration, false);
        SweepPlan sweep = sweepPlan();
        RatePhases timetable = timetable(sweep);
        Warmup chosenWarmup = chooseWarmup(sweep != null);
        requireTime("--timeout", timeout, false);
        if (target.waitForServer != null) {
            requireTime("--wait-for-server", target.waitForServer, false);
        }
        require(payloadBytes >= 1 && payloadBytes <= MAX_PAYLOAD_BYTES,
                "--payload must be 1.." + MAX_PAYLOAD_BYTES + " bytes (64m), got " + payloadBytes);
        require(pipelineDepth >= 1 && pipelineDepth <= 1_000_000, "--pipeline must be 1..1000000, got " + pipelineDepth);
        if (ratePerSec != null) {
            requireRate("--rate", ratePerSec);
            require(pipelineDepth == 1, "--pipeline applies to the closed model only; drop it or drop --rate");
        }
        if (sweep != null) {
            require(ratePerSec == null, "--rate and a sweep do not go together: the sweep sets the rates");
            require(pipelineDepth == 1, "--pipeline applies to the closed model only; a sweep is open");
            require(processes == 1 && shard == null, "a sweep runs in one process: drop --processes and --shard "
                    + "(its steps are decided as it goes, which separate processes cannot share)");
        }
        if (target.connectRatePerSec != null) {
            requireRate("--connect-rate", target.connectRatePerSec);
        }
        String httpOption = http.firstGiven();
        require(mode == Mode.HTTP || httpOption == null, httpOption + " applies to --mode http only");
        HttpRequestTemplate request = null;
        if (mode == Mode.HTTP) {
            try {
                request = http.toTemplate(payloadBytes);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(mixee.commandLine(), e.getMessage());
            }
        }
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
        results.validate(mixee.commandLine());
        ResultFileOptions.requireDirectory(mixee.commandLine(), "--hlog", hlog);
        Shard part = parseShard();
        require(part.count() <= target.connections, "--shard count (" + part.count()
                + ") must not exceed --connections (" + target.connections + ")");

        int connections = part.share(target.connections);
        long perProcess = DescriptorLimit.connectionsPerProcess();
        if (processes == 1 && mode != Mode.HELLO && connections > perProcess) {
            long needed = (target.connections + perProcess - 1) / perProcess;
            throw new ParameterException(mixee.commandLine(), connections + " connections exceed what one process may "
                    + "open (descriptor limit " + DescriptorLimit.max() + "); use --processes " + needed
                    + " or more, or raise the limit (ulimit -n)");
        }
        double totalRate = sweep != null ? sweep.firstRatePerSec() : timetable != null ? timetable.firstRatePerSec()
                : ratePerSec == null ? 0 : ratePerSec;
        int shardPublishers = mode == Mode.CHAT ? part.share(totalPublishers) : 0;
        double rate = switch (mode) {
            case ECHO, HTTP -> part.shareOfRate(totalRate, target.connections);
            case CHAT -> part.shareOfRate(totalRate, totalPublishers);
            case HELLO -> totalRate / part.count(); // churn: no connection of its own carries the rate
        };
        int loopCount = threads != null ? threads
                : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), connections));
        return new LoadConfig(mode, target.addresses(mixee.commandLine()), connections, target.connections,
                part.offset(target.connections),
                target.connectRatePerSec == null ? 0 : part.shareOfRate(target.connectRatePerSec, target.connections),
                chosenWarmup, timetable != null ? timetable.totalDuration() : duration, timeout, payloadBytes, pipelineDepth, totalRate, rate, totalPublishers,
                mode == Mode.CHAT ? part.offset(totalPublishers) : 0, shardPublishers,
                texts.suffixBytes(), texts.greetingBytes(),
                Math.min(loopCount, Math.max(1, connections)), part, results.label, sweep, timetable, request);
    }

    /**
     * {@code --warmup} with {@code --warmup-max}, which only auto takes, and {@code --server-stats},
     * which auto (for the JIT) and a sweep (for the server's CPU time per step) take.
     */
    private Warmup chooseWarmup(boolean sweep) {
        if (serverStats != null) {
            require(warmup.isAuto() || sweep, "--server-stats applies to --warmup auto and to a sweep");
            require(Files.isRegularFile(serverStats) && Files.isReadable(serverStats),
                    "--server-stats: cannot read " + serverStats
                            + (Files.exists(serverStats) ? " (not a readable file)" : " (no such file)"));
        }
        if (!warmup.isAuto()) {
            requireTime("--warmup", warmup.fixed(), true);
            require(warmupMax == null, "--warmup-max applies to --warmup auto");
            return serverStats == null ? warmup : new Warmup(warmup.fixed(), null, serverStats);
        }
        if (warmupMax != null) {
            requireTime("--warmup-max", warmupMax, false);
        }
        return Warmup.auto(warmupMax == null ? Warmup.DEFAULT_MAX : warmupMax, serverStats);
    }

    /**
     * The timetable of {@code --phases}, or null: echo or hello, one process, none of the options
     * that set the rate or the measured time another way.
     */
    private RatePhases timetable(SweepPlan sweep) {
        if (phases == null) {
            return null;
        }
        RatePhases timetable;
        try {
            timetable = RatePhases.parse(phases);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--phases: " + e.getMessage());
        }
        for (RatePhases.Phase phase : timetable.phases()) {
            require(phase.ratePerSec() <= MAX_RATE_PER_SEC, "--phases: a rate must be at most 1000000000");
        }
        require(mode != Mode.CHAT, "--phases applies to echo, hello and http");
        require(ratePerSec == null, "--rate and --phases do not go together: the phases set the rates");
        require(sweep == null, "a sweep and --phases do not go together: give one");
        require(!mixee.commandLine().getParseResult().hasMatchedOption("--duration"),
                "--duration and --phases do not go together: the phases' durations add up to the measured time");
        require(pipelineDepth == 1, "--pipeline applies to the closed model only; --phases is open");
        require(processes == 1 && shard == null, "--phases runs in one process: drop --processes and --shard");
        requireTime("--phases' total", timetable.totalDuration(), false);
        try {
            return timetable.withObjective(sweepOptions.objective());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** The sweep of {@code --rates} or {@code --sweep}, or null. */
    private SweepPlan sweepPlan() {
        try {
            return sweepOptions.toPlan(phases != null);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    private Shard parseShard() {
        if (shard == null) {
            return Shard.WHOLE;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--shard: " + e.getMessage());
        }
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
            throw new ParameterException(mixee.commandLine(), message);
        }
    }

    /** {@code --processes}: how many local processes share the run. */
    /** {@code --wait-for-server}, or null. */
    Duration waitForServer() {
        return target.waitForServer;
    }

    int processes() {
        return processes;
    }

    /** {@code --hlog}, or null. */
    Path hlog() {
        return hlog;
    }

    ResultFileOptions results() {
        return results;
    }
}
