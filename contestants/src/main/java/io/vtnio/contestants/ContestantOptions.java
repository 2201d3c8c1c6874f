package io.vtnio.contestants;

import io.vtnio.core.HumanDuration;
import io.vtnio.core.Work;
import io.vtnio.core.http.HttpRequestDecoder;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags every contestant takes, named and defaulted as vtnio's own servers name them
 * ({@code --host}, {@code --port}, {@code --mode}, {@code --work}, {@code --drain-timeout}); a
 * picocli mixin. Bad values are usage errors (exit 2), found before anything binds.
 *
 * <p>Threading: filled in and read on the thread that parses the command line.
 */
public final class ContestantOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
            description = "Port to bind; 0 takes a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--mode", defaultValue = "http", paramLabel = "MODE",
            description = "Only http: GET|HEAD /plaintext, POST /echo (default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--work", defaultValue = "none", paramLabel = "WORK",
            description = "Per-request work before the response: none, sleep:DURATION (e.g. sleep:5ms) or cpu:N "
                    + "rounds of SHA-256 (default: ${DEFAULT-VALUE}).")
    private String work;

    @Option(names = "--drain-timeout", defaultValue = "5s", paramLabel = "DURATION",
            converter = HumanDuration.Converter.class,
            description = "How long a stop (SIGTERM, SIGINT) lets requests in flight finish (default: ${DEFAULT-VALUE}).")
    private Duration drainTimeout;

    /**
     * The validated configuration.
     *
     * @throws ParameterException naming the bad flag, which picocli turns into exit code 2
     */
    public ContestantConfig toConfig() {
        if (!mode.equals("http")) {
            throw new ParameterException(mixee.commandLine(),
                    "--mode: a framework contestant speaks only http, got '" + mode + "'");
        }
        if (host.isBlank()) {
            throw new ParameterException(mixee.commandLine(), "--host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new ParameterException(mixee.commandLine(), "--port must be 0..65535, got " + port);
        }
        Work parsedWork;
        try {
            parsedWork = Work.parse(work);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--work: " + e.getMessage());
        }
        return new ContestantConfig(host, port, parsedWork, drainTimeout, HttpRequestDecoder.Limits.DEFAULT);
    }

    /** Validates a count option: 1..100000. */
    static int requireCount(CommandSpec spec, String name, int value) {
        if (value < 1 || value > 100_000) {
            throw new ParameterException(spec.commandLine(), name + " must be 1..100000, got " + value);
        }
        return value;
    }
}
