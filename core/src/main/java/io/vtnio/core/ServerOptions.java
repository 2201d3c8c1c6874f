package io.vtnio.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on; repeat for several; 0 takes a free port (default: 8001).")
    private List<Integer> ports = new ArrayList<>();

    @Option(names = "--mode", defaultValue = "echo", paramLabel = "MODE",
            description = "echo, chat or hello (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--framing", defaultValue = "line", paramLabel = "FRAMING",
            description = "line or raw; raw answers every read chunk at once, echo mode only (default: ${DEFAULT-VALUE}).")
    private Framing framing;

    @Option(names = "--max-line", defaultValue = "65536", paramLabel = "SIZE",
            converter = ByteSize.IntConverter.class,
            description = "Longest message in bytes, terminator excluded (default: ${DEFAULT-VALUE}).")
    private int maxLineBytes;

    @Option(names = "--max-outbound", defaultValue = "1MiB", paramLabel = "SIZE",
            converter = ByteSize.IntConverter.class,
            description = "Pending outbound bytes beyond which a chat client is dropped as a slow consumer (default: ${DEFAULT-VALUE}).")
    private int maxOutboundBytes;

    @Option(names = "--suffix", defaultValue = Protocol.DEFAULT_SUFFIX, paramLabel = "TEXT",
            description = "Appended to each echoed message; may be empty (default: ${DEFAULT-VALUE}).")
    private String suffix;

    @Option(names = "--greeting", defaultValue = "hello", paramLabel = "TEXT",
            description = "What hello mode writes before the newline (default: ${DEFAULT-VALUE}).")
    private String greeting;

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

    @Option(names = "--max-connections", defaultValue = "" + Protocol.DEFAULT_MAX_CONNECTIONS, paramLabel = "N",
            description = "Open connections at most; one more is sent 'ERR too many connections' and closed (default: ${DEFAULT-VALUE}).")
    private int maxConnections;

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
        List<Integer> chosenPorts = ports.isEmpty() ? List.of(8001) : List.copyOf(ports);
        for (int port : chosenPorts) {
            require(port >= 0 && port <= 65_535, "--port must be 0..65535, got " + port);
        }
        require(!host.isBlank(), "--host must not be empty");
        require(maxLineBytes >= 1, "--max-line must be at least 1 byte, got " + maxLineBytes);
        require(maxOutboundBytes >= 1, "--max-outbound must be at least 1 byte, got " + maxOutboundBytes);
        require(framing == Framing.LINE || mode == Mode.ECHO, "--framing raw works only with --mode echo");
        require(!drainTimeout.isNegative(), "--drain-timeout must not be negative");
        require(maxConnections >= 1, "--max-connections must be at least 1, got " + maxConnections);
        require(loops >= 1 && loops <= 1024, "--loops must be 1..1024, got " + loops);
        require(workers >= 1 && workers <= 100_000, "--workers must be 1..100000, got " + workers);
        Work parsedWork;
        try {
            parsedWork = Work.parse(work);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--work: " + e.getMessage());
        }
        return new ServerConfig(host, chosenPorts, mode, framing, maxLineBytes, maxOutboundBytes,
                suffix.getBytes(StandardCharsets.UTF_8), greeting.getBytes(StandardCharsets.UTF_8),
                parsedWork, drainTimeout, statsInterval, loops, workers, maxConnections);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(mixee.commandLine(), message);
        }
    }
}
