package io.vtnio.contestants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Both mains' command lines: a bad flag is exit code 2 with a one-line reason, and a real run
 * prints {@code listening HOST:PORT} then {@code framework ...} on stdout, serves, and on SIGTERM
 * drains and exits with 0 (a child JVM on this test's class path).
 */
@Timeout(20)
class ContestantCommandLineTest {

    record Main(String name, Class<?> mainClass, Supplier<Callable<Integer>> command, String frameworkPrefix) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Main> mains() {
        return Stream.of(
                new Main("helidon", HelidonServerMain.class, HelidonServerMain.HelidonCommand::new,
                        "framework Helidon SE 4."),
                new Main("netty", NettyServerMain.class, NettyServerMain.NettyCommand::new, "framework Netty 4.2."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mains")
    void aBadFlagIsExitCode2WithTheReason(Main main) {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--mode", "echo"), List.of("--work", "sleep"),
                List.of("--port", "70000"))) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = new CommandLine(main.command().get());
            commandLine.setErr(new PrintWriter(err));
            commandLine.setParameterExceptionHandler(new io.vtnio.core.UsageErrors("vtnio"));
            assertEquals(2, commandLine.execute(args.toArray(String[]::new)), args + ": " + err);
            assertTrue(err.toString().contains(args.get(0)), args + " not named in: " + err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mains")
    void aRunPrintsItsTwoLinesServesAndExitsWith0OnSigterm(Main main) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), main.mainClass().getName(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String listening = out.readLine();
            assertTrue(listening != null && listening.matches("listening 127\\.0\\.0\\.1:\\d+"), "first line: " + listening);
            String framework = out.readLine();
            assertTrue(framework != null && framework.startsWith(main.frameworkPrefix()), "second line: " + framework);
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
            try (RawHttpConnection connection = new RawHttpConnection(
                    new java.net.InetSocketAddress("127.0.0.1", port))) {
                connection.send("GET /plaintext HTTP/1.1\r\nHost: test\r\n\r\n");
                assertEquals("Hello, World!", connection.read().bodyText());
            }
            // Not Process.destroy(): it sends SIGTERM too but closes our end of stdout at once.
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
            assertEquals(0, process.exitValue());
            assertEquals(null, out.readLine(), "nothing else on stdout");
        } finally {
            process.destroyForcibly();
        }
    }

}
