package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class UsageErrorsTest {

    @Command(name = "demo", mixinStandardHelpOptions = true)
    static final class Demo implements Runnable {
        @Option(names = "--count", description = "How many.")
        int count;

        @Override
        public void run() {
        }
    }

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String prefix, String... args) {
        CommandLine commandLine = new CommandLine(new Demo());
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setParameterExceptionHandler(new UsageErrors(prefix));
        return commandLine.execute(args);
    }

    @Test
    void aBadValueIsTheErrorAndOneHintWithExitCode2() {
        assertEquals(2, run("vtnio", "--count", "many"));
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertEquals("Invalid value for option '--count': 'many' is not an int", lines.get(0));
        assertEquals("try 'vtnio demo --help'", lines.get(1));
    }

    @Test
    void anUnknownFlagToo() {
        assertEquals(2, run("", "--cuont", "1"));
        List<String> lines = err.toString().lines().toList();
        assertEquals(List.of("Unknown options: '--cuont', '1'", "try 'demo --help'"), lines);
    }

    @Test
    void helpStillPrintsTheWholeUsage() {
        assertEquals(0, run("vtnio", "--help"));
        assertEquals("", err.toString());
        assertEquals(true, out.toString().contains("--count"), out.toString());
    }
}
