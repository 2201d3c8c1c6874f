package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * One execution of a command line inside the test JVM, with stdout and stderr captured, as
 * picocli's examples test commands: never through {@code System.exit}. The generator's
 * ({@link LoadgenCommand}) unless another is given: compare's tests pass the whole {@code vtnio}.
 */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        return of(LoadgenCommand.commandLine(), args);
    }

    public static CommandRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /**
     * {@code load --port <port> --warmup 0s} and then {@code more}: the measured run starts at
     * once, which is what a test that looks at counts, errors or files (not at the warm-up) wants.
     */
    public static CommandRun load(int port, String... more) {
        return of(Stream.concat(Stream.of("load", "--port", Integer.toString(port), "--warmup", "0s"),
                Stream.of(more)).toArray(String[]::new));
    }

    /** {@link #load(int, String...)} against a test server's port. */
    public static CommandRun load(TestServer server, String... more) {
        return load(server.port(), more);
    }

    /** Fails the test, showing the whole run, unless it exited with {@code expected}; else this run. */
    public CommandRun assertExit(int expected) {
        assertEquals(expected, exitCode, this::toString);
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
