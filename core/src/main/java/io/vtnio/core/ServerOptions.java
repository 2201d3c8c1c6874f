package io.vtnio.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags both servers take, as one picocli mixin, so {@code server vt} and
 * {@code server nio} accept exactly the same command line. {@code --loops} and
 * {@code --workers} shape only the selector server; the virtual-thread server accepts and
 * ignores them, so one command line serves both contestants.
 *
 * <p>Threading: filled in by picocli on the parsing thread, then read once by {@link #toConfig}.
 */
public final class ServerOptions {

    /**
     * The fewest descriptors the default {@code --max-connections} leaves to everything that is
     * not a connection: the JVM's own files (its modules image, the jars on the class path, an
     * epoll descriptor and wake-up pipe per selector or poller), the listening sockets, and the
     * connections a server accepts only to refuse them. Measured: a bare JVM holds 6; an idle
     * server run from its classes and three jars, 14 (nio) to 16 (vt).
     */
    static final int MIN_DESCRIPTOR_RESERVE = 64;

    /** Above {@link #MIN_DESCRIPTOR_RESERVE}, the reserve is this share of the limit: 1 in 20, 5%. */
    private static final int DESCRIPTOR_RESERVE_DIVISOR = 20;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on; repeat for several; 0 takes a free port (default: " + ConnectionRules.DEFAULT_PORT + ").")
    private List<Integer> ports = new ArrayList<>();

    @Option(names = "--mode", defaultValue = "echo", paramLabel = "MODE",
            description = "echo, chat, hello or http (HTTP/1.1: GET /plaintext, POST /echo) (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--framing", defaultValue = "line", paramLabel = "FRAMING",
            description = "line or raw; raw answers every read chunk at once, echo mode only (default: ${DEFAULT-VALUE}).")
    private Framing framing;

    @Option(names = "--max-line", defaultValue = "" + Protocol.DEFAULT_MAX_LINE_BYTES, paramLabel = "SIZE",
            converter = ByteSize.IntConverter.class,
            description = "Longest message in bytes, terminator excluded (default: ${DEFAULT-VALUE}).")
    private int maxLineBytes;

    @Option(names = "--max-outbound", defaultValue = "1MiB", paramLabel = "SIZE",
            converter = ByteSize.IntConverter.class,
            description = "Pending outbound bytes beyond which a chat client is dropped as a slow consumer (default: ${DEFAULT-VALUE}).")
    private int maxOutboundBytes;

    @Mixin
    private ProtocolTextOptions texts;

    @Option(names = "--work", defaultValue = "none", paramLabel = "WORK",
            description = "Per-message work: none, sleep:DURATION (e.g. sleep:2ms) or cpu:N rounds of SHA-256 (default: ${DEFAULT-VALUE}).")
    private String work;

    @Option(names = "--drain-timeout", defaultValue = "5s", paramLabel = "DURATION",
            converter = HumanDuration.Converter.class,
            description = "On SIGTERM/SIGINT, how long to keep sending owed replies (default: ${DEFAULT-VALUE}).")
    private Duration drainTimeout;

    @Option(names = "--stats-interval", defaultValue = "0s", paramLabel = "DURATION",
            converter = HumanDuration.Converter.class,
            description = "Print a JSON stats line this often; 0 is off (default: ${DEFAULT-VALUE}).")
    private Duration statsInterval;

    // No defaultValue: null means "not given", and the default depends on this process's descriptor limit.
    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open connections at most; one more is sent 'ERR too many connections' and closed "
                    + "(default: this process's descriptor limit, ulimit -n, less a reserve of max("
                    + MIN_DESCRIPTOR_RESERVE + ", 5%%), at most " + Protocol.DEFAULT_MAX_CONNECTIONS + ").")
    private Integer maxConnections;

    @Option(names = "--loops", defaultValue = "1", paramLabel = "N",
            description = "Selector loops (selector server only) (default: ${DEFAULT-VALUE}).")
    private int loops;

    @Option(names = "--workers", defaultValue = "16", paramLabel = "N",
            description = "Worker threads for --work (selector server only) (default: ${DEFAULT-VALUE}).")
    private int workers;

    /**
     * Validates the flags together and builds the configuration.
     *
     * @throws ParameterException with a message naming the bad flag
     */
    public ServerConfig toConfig() {
        List<Integer> chosenPorts = ports.isEmpty() ? List.of(ConnectionRules.DEFAULT_PORT) : List.copyOf(ports);
        for (int port : chosenPorts) {
            require(port >= 0 && port <= 65_535, "--port must be 0..65535, got " + port);
        }
        require(!host.isBlank(), "--host must not be empty");
        require(maxLineBytes >= 1, "--max-line must be at least 1 byte, got " + maxLineBytes);
        require(maxOutboundBytes >= 1, "--max-outbound must be at least 1 byte, got " + maxOutboundBytes);
        require(framing == Framing.LINE || mode == Mode.ECHO, "--framing raw works only with --mode echo");
        int chosenMaxConnections = maxConnections != null ? maxConnections
                : defaultMaxConnections(StartupWarnings.descriptorLimit());
        require(chosenMaxConnections >= 1, "--max-connections must be at least 1, got " + chosenMaxConnections);
        require(loops >= 1 && loops <= 1024, "--loops must be 1..1024, got " + loops);
        require(workers >= 1 && workers <= 100_000, "--workers must be 1..100000, got " + workers);
        Work parsedWork;
        try {
            parsedWork = Work.parse(work);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--work: " + e.getMessage());
        }
        return new ServerConfig(host, chosenPorts, mode, framing, maxLineBytes, maxOutboundBytes,
                texts.suffixBytes(), texts.greetingBytes(),
                parsedWork, drainTimeout, statsInterval, loops, workers, chosenMaxConnections, ConnectionPolicy.DEFAULT);
    }

    /**
     * What {@code --max-connections} defaults to in a process that may open {@code descriptorLimit}
     * files: the limit less a reserve of {@code max(64, 5%)} ({@link #MIN_DESCRIPTOR_RESERVE}), so
     * the server refuses a connection politely before {@code accept} fails for want of a
     * descriptor, and at most {@link Protocol#DEFAULT_MAX_CONNECTIONS}; that cap too where the
     * limit is unknown. For example 1,024 gives 960, 20,000 gives 16,384 (19,000 capped) and
     * 1,048,576 gives 16,384; never less than 1.
     *
     * <p>The limit is the one {@link StartupWarnings#descriptorLimit()} reads, which is what the
     * process really has: on Linux HotSpot raises the soft {@code RLIMIT_NOFILE} to the hard one
     * at start ({@code -XX:+MaxFDLimit}, on by default). Measured with JDK 25 on Linux, hard and
     * soft limit 20,000: after {@code ulimit -n 1024} (bash lowers both) the JVM reports 1,024;
     * after {@code ulimit -Sn 1024} (soft only) it reports 20,000 and
     * {@code /proc/self/limits} shows a soft limit of 20,000 again; with
     * {@code -XX:-MaxFDLimit} it reports and keeps 1,024.
     *
     * @param descriptorLimit the process's {@code ulimit -n}; empty when the platform does not say
     * @return 1 to {@link Protocol#DEFAULT_MAX_CONNECTIONS}
     */
    public static int defaultMaxConnections(OptionalLong descriptorLimit) {
        if (descriptorLimit.isEmpty() || descriptorLimit.getAsLong() <= 0) {
            return Protocol.DEFAULT_MAX_CONNECTIONS;
        }
        long limit = descriptorLimit.getAsLong();
        return Math.clamp(limit - descriptorReserve(limit), 1, Protocol.DEFAULT_MAX_CONNECTIONS);
    }

    /** How many of {@code descriptorLimit} descriptors the default leaves to all but connections. */
    static long descriptorReserve(long descriptorLimit) {
        return Math.max(MIN_DESCRIPTOR_RESERVE, descriptorLimit / DESCRIPTOR_RESERVE_DIVISOR);
    }

    /**
     * The {@code max connections N (why)} part of the line {@link ServerMain} prints on stderr at
     * start, for {@code chosen} connections in a process with {@code descriptorLimit}.
     */
    String describeMaxConnections(int chosen, OptionalLong descriptorLimit) {
        return describeMaxConnections(chosen, maxConnections != null, descriptorLimit);
    }

    /**
     * As {@link #describeMaxConnections(int, OptionalLong)}, for a limit given on the command line
     * ({@code explicit}) or the default, e.g. {@code max connections 960 (descriptor limit 1024
     * less 64 in reserve)} or {@code max connections 500 (--max-connections; descriptor limit
     * 20000)}.
     */
    static String describeMaxConnections(int chosen, boolean explicit, OptionalLong descriptorLimit) {
        boolean known = descriptorLimit.isPresent() && descriptorLimit.getAsLong() > 0;
        String limit = known ? "descriptor limit " + descriptorLimit.getAsLong() : "descriptor limit unknown";
        String why;
        if (explicit) {
            why = "--max-connections; " + limit;
        } else if (known && chosen < Protocol.DEFAULT_MAX_CONNECTIONS) {
            why = limit + " less " + descriptorReserve(descriptorLimit.getAsLong()) + " in reserve";
        } else {
            why = limit + ", at most " + Protocol.DEFAULT_MAX_CONNECTIONS;
        }
        return "max connections " + chosen + " (" + why + ")";
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(mixee.commandLine(), message);
        }
    }
}
