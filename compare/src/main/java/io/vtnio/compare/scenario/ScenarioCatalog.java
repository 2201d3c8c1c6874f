package io.vtnio.compare.scenario;

import io.vtnio.compare.launch.ServerFlags;
import io.vtnio.core.Mode;
import io.vtnio.loadgen.run.LatencyObjective;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scenarios of docs/compare.md#scenarios, sized by {@link ScenarioSizes}. {@code echo} is two
 * scenarios: {@code echo-peak} (closed loop) first, then {@code echo-latency}, an open loop at
 * half the lower of the servers' median peaks, the same rate for every server, so their
 * latencies are comparable.
 *
 * <p>Threading: immutable.
 */
public final class ScenarioCatalog {

    /** The default set, in the order they run. */
    public static final List<String> NAMES = List.of("echo", "idle", "fanout", "churn", "backend");
    /** Everything {@code --scenario} takes ({@code all}), in the order they run: capacity right after the echo peak it starts from. */
    public static final List<String> ALL = List.of("echo", "capacity", "idle", "fanout", "churn", "backend",
            "overload");
    /**
     * An overload round's phases, in multiples of {@code --duration} (rounded to whole seconds, at least 1):
     * a rate the servers hold, one beyond them, the first again, long enough to see the backlog
     * drain after the overload.
     */
    static final int[] OVERLOAD_PHASE_LENGTHS = {2, 4, 6};
    /** How far beyond the lower capacity the overload phase goes, unless {@code --overload} says otherwise. */
    public static final double OVERLOAD_FACTOR = 1.5;
    /** The highest {@code --overload}: beyond it the backlog outgrows any timeout at once. */
    public static final double MOST_OVERLOAD = 10;
    /** Echo overload without a capacity or an echo peak in this run to start from (this VM, 2026-12-06). */
    public static final double OVERLOAD_ECHO_DEFAULT_BASE = 40_000;
    /** Backend overload without a backend run to start from: nio's pool of 16 workers at 5 ms a message. */
    public static final double OVERLOAD_BACKEND_DEFAULT_BASE = 3_200;
    /** Steps of the capacity sweep, each twice the rate of the last. */
    public static final int CAPACITY_STEPS = 7;
    /**
     * The capacity sweep ends this far past the highest median echo peak: an open loop's 100
     * connections hold far more than a closed loop's peak (each has several messages in flight, so
     * the server batches). On 2026-12-06 every server held 78,750/s, 1.25x the highest peak, with
     * its p50 under 2 ms; one generator CPU still drives 140,000/s against nio.
     */
    public static final double CAPACITY_TOP_OVER_PEAK = 2.5;
    /**
     * The capacity sweep without an echo peak to start from (2026-12-06, this 2-core VM: peaks of
     * 35k-120k replies/s, one CPU each for server and generator).
     */
    public static final double CAPACITY_DEFAULT_TOP = 160_000;
    /** The scenarios of {@code --quick}: one of each chart. */
    public static final List<String> QUICK = List.of("echo", "idle");

    private final ScenarioSizes sizes;
    private final double overloadFactor;
    private final WireProtocol protocol;

    public ScenarioCatalog(ScenarioSizes sizes) {
        this(sizes, OVERLOAD_FACTOR, WireProtocol.LINE);
    }

    /**
     * @param overloadFactor how far beyond the lower capacity the overload phase goes ({@code --overload}), above 1
     * @param protocol       what the request-reply scenarios run over ({@code --protocol})
     */
    public ScenarioCatalog(ScenarioSizes sizes, double overloadFactor, WireProtocol protocol) {
        if (!(overloadFactor > 1) || overloadFactor > MOST_OVERLOAD) {
            throw new IllegalArgumentException("an overload factor is more than 1 and at most " + MOST_OVERLOAD
                    + ", got " + overloadFactor);
        }
        this.sizes = sizes;
        this.overloadFactor = overloadFactor;
        this.protocol = protocol;
    }

    /** The server flags of a request-reply scenario over this catalog's protocol. */
    private ServerFlags requestReply(String work) {
        return new ServerFlags(protocol.requestMode(), work);
    }

    /** The generator's flags of a request-reply scenario: {@link Scenario#loadArgs} after the protocol's own. */
    private List<String> requestLoad(int connections, Duration duration, String... more) {
        List<String> args = new ArrayList<>(Scenario.loadArgs(connections, duration, more));
        args.addAll(protocol.loadArgs());
        return args;
    }

    /**
     * The scenario a name of {@link #NAMES}, or {@code echo-peak} of {@code --scaling}, starts
     * with: for {@code echo} its closed-loop peak, whose open loop follows at a rate the peak decides.
     */
    public Scenario first(String name) {
        return switch (name) {
            case "echo", "echo-peak" -> echoPeak();
            case "idle" -> idle();
            case "fanout" -> fanout();
            case "churn" -> churn();
            case "backend" -> backend();
            default -> throw new IllegalArgumentException("no scenario '" + name + "'");
        };
    }

    /** The modes the servers run in for the scenarios {@code names}, in their order. */
    public Set<Mode> modes(List<String> names) {
        Set<Mode> modes = new LinkedHashSet<>();
        for (String name : names) {
            modes.add(name.equals("capacity") || name.equals("overload")
                    ? Mode.valueOf(protocol.requestMode().toUpperCase(Locale.ROOT))
                    : Mode.valueOf(first(name).serverFlags().mode().toUpperCase(Locale.ROOT)));
        }
        return modes;
    }

    /**
     * Latency against offered load: an open-loop sweep over {@link #CAPACITY_STEPS} rates, each
     * twice the last, up to {@code topPerSec}, on the echo scenario's connections, each step warmed
     * up until steady; its capacity at {@code objective} decides.
     *
     * @param fromPeak whether the top is {@link #CAPACITY_TOP_OVER_PEAK} times the highest median
     *                 echo peak of this run (else {@link #CAPACITY_DEFAULT_TOP})
     */
    public Scenario capacity(double topPerSec, LatencyObjective objective, int refineSteps, boolean fromPeak) {
        int connections = sizes.echoConnections();
        long top = Math.round(topPerSec);
        long from = Math.max(1, Math.round(topPerSec / Math.pow(2, CAPACITY_STEPS - 1)));
        String range = from + ":" + top + ":" + CAPACITY_STEPS + ":geometric";
        return new Scenario("capacity", "capacity at " + objective.text(),
                String.format(Locale.ROOT, "The %,d echo connections in an open loop at %d rates from %,d to %,d "
                        + "messages a second, each twice the last, back to back on the same connections (%s), each "
                        + "step warmed up until its latency is steady, then measured: latency against offered load. "
                        + "The capacity is the highest rate held within 1%% with no errors and %s, refined by up to "
                        + "%d bisections; it decides. Server CPU per reply is taken at the first step, the same light "
                        + "load for every server.", connections, CAPACITY_STEPS, from, top,
                        fromPeak ? "the top " + CAPACITY_TOP_OVER_PEAK + "x the highest median echo peak of this run"
                                : "no echo peak in this run: the top is a fixed " + String.format(Locale.ROOT, "%,d",
                                        top) + "/s",
                        objective.text(), refineSteps) + protocol.messageNote(),
                requestReply("none"),
                requestLoad(connections, sizes.echoDuration(), "--sweep", range, "--slo", objective.text(),
                        "--refine", Integer.toString(refineSteps)),
                protocol.unit(), connections, sizes.warmup(), sizes.echoDuration(), false, null);
    }

    /**
     * Overload, on the echo connections ({@code backend} false) or on the backend's with its work:
     * the same timetable for every contestant, half {@code basePerSec}, then the overload factor
     * ({@link #OVERLOAD_FACTOR} unless {@code --overload} says otherwise) times it, then half again, so that their timelines compare; each
     * second judged by {@code objective}.
     *
     * @param basePerSec the lower capacity (or its stand-in, which {@code baseNote} names)
     */
    public Scenario overload(boolean backend, double basePerSec, String baseNote, LatencyObjective objective) {
        int connections = backend ? sizes.backendConnections() : sizes.echoConnections();
        String work = backend ? sizes.backendWork() : "none";
        double unit = sizes.duration().toMillis() / 1000.0;
        long held = Math.max(1, twoSignificantDigits(basePerSec / 2));
        long beyond = Math.max(2, twoSignificantDigits(basePerSec * overloadFactor));
        long[] seconds = new long[OVERLOAD_PHASE_LENGTHS.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = Math.max(1, Math.round(OVERLOAD_PHASE_LENGTHS[i] * unit));
        }
        String timetable = held + ":" + seconds[0] + "s," + beyond + ":" + seconds[1] + "s," + held + ":" + seconds[2]
                + "s";
        String name = backend ? "overload-backend" : "overload-echo";
        return new Scenario(name, String.format(Locale.ROOT, "overload%s: %,d/s, then %,d/s, then %,d/s",
                backend ? " of a slow backend (" + work + ")" : "", held, beyond, held),
                String.format(Locale.ROOT, "%,d connections%s in an open loop on one timetable for every server: "
                        + "%,d messages a second for %d s, %,d (%.1fx %s) for %d s, then %,d again for %d s, back to "
                        + "back and measured throughout. How fast latency (from each scheduled send), the backlog of "
                        + "messages sent and not yet answered, and the server's memory grow while the rate is beyond "
                        + "it; what it refuses or loses (a reply later than --timeout is an error); how long after "
                        + "the overload its seconds meet %s again with the backlog gone. p99 of the overload phase "
                        + "decides.", connections, backend ? " against servers that block for " + work.substring(
                                work.indexOf(':') + 1) + " on every message" : "", held, seconds[0], beyond,
                        overloadFactor, baseNote, seconds[1], held, seconds[2], objective.text())
                        + protocol.messageNote(),
                requestReply(work),
                overloadLoad(connections, timetable, objective),
                protocol.unit(), connections, sizes.warmup(), Duration.ofSeconds(seconds[0] + seconds[1] + seconds[2]),
                false, null);
    }

    /** The generator's flags of an overload run: no {@code --duration}, the timetable sets it. */
    private List<String> overloadLoad(int connections, String timetable, LatencyObjective objective) {
        List<String> args = new ArrayList<>(List.of("--connections", Integer.toString(connections), "--phases",
                timetable, "--slo", objective.text()));
        args.addAll(protocol.loadArgs());
        return args;
    }

    /** A rate of the overload timetable: whole below 10, else to two significant digits. */
    private static long twoSignificantDigits(double value) {
        return value < 10 ? Math.round(value) : Math.round(roundedToTwoSignificantDigits(value));
    }

    /** {@code value} (at least 1) rounded to two significant digits: 61,657 to 62,000. */
    public static double roundedToTwoSignificantDigits(double value) {
        double scale = Math.pow(10, Math.floor(Math.log10(value)) - 1);
        return Math.round(value / scale) * scale;
    }

    public Scenario echoPeak() {
        int connections = sizes.echoConnections();
        return new Scenario("echo-peak", protocol.echoTitle() + ", peak throughput",
                String.format(Locale.ROOT, "%,d connections in a closed loop, each sending its next %s "
                        + "as soon as the reply arrives: the most replies a second each server gives.", connections,
                        protocol == WireProtocol.HTTP ? "request" : "32-byte message") + protocol.messageNote(),
                requestReply("none"),
                requestLoad(connections, sizes.echoDuration()),
                protocol.unit(), connections, sizes.warmup(), sizes.echoDuration(), false, null);
    }

    /**
     * The open loop at {@code ratePerSec} messages a second over all connections.
     *
     * @param derived whether the rate is half the lower peak (else it was given)
     */
    public Scenario echoLatency(long ratePerSec, boolean derived) {
        int connections = sizes.echoConnections();
        return new Scenario("echo-latency", String.format(Locale.ROOT, "%s, latency at %,d/s", protocol.echoTitle(),
                ratePerSec),
                String.format(Locale.ROOT, "The same %,d connections in an open loop at %,d messages a second%s, so "
                        + "every server carries the same load. Latency counts from each message's scheduled send time "
                        + "(free of coordinated omission, as wrk2); service time from the actual send.", connections,
                        ratePerSec, derived ? ", half the lower of the servers' median peaks" : " (--echo-rate)")
                        + protocol.messageNote(),
                requestReply("none"),
                requestLoad(connections, sizes.echoDuration(), "--rate", Long.toString(ratePerSec)),
                protocol.unit(), connections, sizes.warmup(), sizes.echoDuration(), false, null);
    }

    Scenario idle() {
        int connections = sizes.idleConnections();
        double seconds = (sizes.idleWarmup().toNanos() + sizes.duration().toNanos()) / 1e9;
        long rate = Math.max(1, Math.round(connections / seconds));
        return new Scenario("idle", "idle connections",
                String.format(Locale.ROOT, "%,d connections held open, each sending about one message in all (%,d "
                        + "messages a second over all of them): what one more open connection costs a server, "
                        + "as live heap (measured after a full GC) and as resident memory beyond the heap. Measured on "
                        + "a warm server, as a server in service is: echo traffic runs until the server is steady "
                        + "before its memory is taken without connections (a fresh server's first connections park "
                        + "in interpreted frames and cost about twice as much).",
                        connections, rate) + protocol.messageNote(),
                requestReply("none"),
                requestLoad(connections, sizes.duration(), "--rate", Long.toString(rate)),
                protocol.unit(), connections, sizes.warmup(), sizes.duration(), true, sizes.idleWarmup());
    }

    Scenario fanout() {
        int connections = sizes.fanoutConnections();
        int publishers = sizes.fanoutPublishers();
        int lines = sizes.fanoutLinesPerSec();
        return new Scenario("fanout", "chat fan-out",
                String.format(Locale.ROOT, "Chat mode: %,d members, %d of them publishing %,d lines a second in all; "
                        + "every line goes to every member, %,d deliveries a second. Latency from a line's send "
                        + "to its delivery.", connections, publishers, lines, (long) lines * connections),
                new ServerFlags("chat", "none"),
                Scenario.loadArgs(connections, sizes.duration(), "--mode", "chat",
                        "--publishers", Integer.toString(publishers), "--rate", Integer.toString(lines)),
                "delivery", connections, sizes.warmup(), sizes.duration(), false, null);
    }

    Scenario churn() {
        int connections = sizes.churnConnections();
        int rate = sizes.churnRatePerSec();
        return new Scenario("churn", String.format(Locale.ROOT, "connection churn at %,d/s", rate),
                String.format(Locale.ROOT, "Hello mode in an open loop: %,d new connections a second (at most %,d at "
                        + "once), each reading the server's greeting and its close, the same rate for every server: "
                        + "connect-to-greeting latency from each connect's scheduled time, and what a connection "
                        + "costs a server in CPU. (As a closed loop, the most connections a second was the "
                        + "generator's on 2 cores, not the selector server's.)", rate, connections),
                new ServerFlags("hello", "none"),
                Scenario.loadArgs(connections, sizes.duration(), "--mode", "hello", "--rate", Integer.toString(rate)),
                "connection", connections, sizes.warmup(), sizes.duration(), false, null);
    }

    Scenario backend() {
        int connections = sizes.backendConnections();
        String work = sizes.backendWork();
        String pause = work.substring(work.indexOf(':') + 1);
        return new Scenario("backend", "slow backend (" + work + ")",
                String.format(Locale.ROOT, "%,d connections in a closed loop against servers that block for %s on "
                        + "every message (--work %s, like a database call). The virtual-thread server blocks one "
                        + "cheap virtual thread per message; the selector server must hand the work to its bounded "
                        + "pool of --workers threads (16 by default), which caps it at workers / %s.",
                        connections, pause, work, pause) + protocol.messageNote(),
                requestReply(work),
                requestLoad(connections, sizes.duration()),
                protocol.unit(), connections, sizes.warmup(), sizes.duration(), false, null);
    }
}
