package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.compare.launch.FreePort;
import io.vtnio.loadgen.result.RecordedLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The generator against a real server process that dies by SIGKILL mid-run and is started again
 * on the same port: the failures are counted, the connections come back, the run exits 1, and the
 * replies of the restarted server are in the results. {@code FailureReportingTest} does the same
 * against a test server inside this JVM; here the kernel, not Java, tears the connections down.
 *
 * <p>The server is {@code server-nio/target/server-nio.jar} when {@code mvn package} built it and,
 * as {@code compare} does without jars, its main class on this JVM's class path otherwise: a
 * separate OS process either way, started with the {@code java} that runs the test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KilledServerProcessTest {

    private static final String SERVER_MAIN = "io.vtnio.nio.SelectorServerMain";
    private static final int CONNECTIONS = 20;
    private static final Pattern RECONNECTED = Pattern.compile("reconnected: (\\d+) connections reopened");

    @TempDir
    Path dir;

    @Test
    void aServerProcessKilledWithSigkillAndRestartedGivesCountedErrorsReconnectsAndExitOne() throws Exception {
        int port = FreePort.pick();
        Path json = dir.resolve("killed.json");
        Path hlog = dir.resolve("killed.hlog");
        ServerProcess first = ServerProcess.start(serverCommand(port));
        ServerProcess restarted = null;
        try {
            StringWriter err = new StringWriter();
            StringWriter out = new StringWriter();
            CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() -> {
                CommandLine commandLine = LoadgenCommand.commandLine();
                commandLine.setOut(new PrintWriter(out, true));
                commandLine.setErr(new PrintWriter(err, true));
                // 6 s leaves room for a slow restart plus the longest reconnect back-off (1 s) on a busy machine.
                return commandLine.execute("load", "--port", Integer.toString(port), "--connections",
                        Integer.toString(CONNECTIONS), "--duration", "6s", "--warmup", "0s",
                        "--json", json.toString(), "--hlog", hlog.toString());
            });
            // The first progress line comes after a second of traffic; this one has every connection open.
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err.toString().contains("open " + CONNECTIONS + "/" + CONNECTIONS)) {
                if (load.isDone() || System.nanoTime() > deadlineNs) {
                    fail("the load never had all connections open:\n" + err + out);
                }
                Thread.sleep(10);
            }

            first.process().destroyForcibly();
            assertTrue(first.process().waitFor(10, TimeUnit.SECONDS), "the killed server is gone");
            Thread.sleep(500);
            // Taken before the start, which may take a second on a loaded machine: the old server is gone,
            // so whatever is answered from now on is the restarted one's.
            long restartedWallMs = System.currentTimeMillis();
            restarted = ServerProcess.start(serverCommand(port));

            int exitCode = load.get(60, TimeUnit.SECONDS);
            String report = "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
            assertEquals(1, exitCode, report);

            JsonNode summary = new ObjectMapper().readTree(json.toFile());
            JsonNode byKind = summary.get("errorsByKind");
            assertTrue(summary.get("errors").asLong() > 0, "errors counted: " + summary);
            assertTrue(byKind.path("io").asLong() + byKind.path("reset").asLong() + byKind.path("closed").asLong() > 0,
                    "the connections the kill broke are counted: " + summary + "\n" + report);

            Matcher reconnected = RECONNECTED.matcher(err.toString());
            assertTrue(reconnected.find(), "the report says how many connections came back\n" + report);
            assertTrue(Long.parseLong(reconnected.group(1)) > 0, report);

            long afterRestart = repliesInIntervalsStartingAfter(hlog, restartedWallMs);
            assertTrue(afterRestart > 0, "replies of the restarted server recorded: " + summary + "\n" + report);
            assertTrue(summary.get("requests").asLong() > afterRestart, summary::toString);
        } finally {
            first.process().destroyForcibly();
            if (restarted != null) {
                restarted.process().destroyForcibly();
            }
        }
    }

    /** Latency values recorded in the interval log's intervals that began at or after {@code wallMs}. */
    private static long repliesInIntervalsStartingAfter(Path hlog, long wallMs) throws IOException {
        long count = 0;
        for (Histogram interval : RecordedLog.read(hlog).intervals()) {
            boolean latency = interval.getTag() == null;
            if (latency && interval.getStartTimeStamp() >= wallMs) {
                count += interval.getTotalCount();
            }
        }
        return count;
    }

    /** {@code java -jar server-nio.jar --port P}, or the main class on this class path without the jar. */
    private static List<String> serverCommand(int port) {
        String java = ProcessHandle.current().info().command().orElse(null);
        Assumptions.assumeTrue(java != null, "the java executable of this JVM is unknown: cannot start a server process");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC"));
        Path jar = serverJar();
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SERVER_MAIN));
        }
        command.addAll(List.of("--port", Integer.toString(port)));
        return command;
    }

    /** The jar as built by {@code mvn package}, seen from the checkout or from the loadgen module (surefire's directory). */
    private static Path serverJar() {
        for (String candidate : List.of("server-nio/target/server-nio.jar", "../server-nio/target/server-nio.jar")) {
            Path jar = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        return null;
    }

    /** A server process whose output a virtual thread drains; {@link #start} returns once it is listening. */
    private record ServerProcess(Process process) {

        static ServerProcess start(List<String> command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> listening = new CompletableFuture<>();
            StringBuffer output = new StringBuffer();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.append(line).append('\n');
                        if (line.startsWith("listening ")) {
                            listening.complete(line);
                        }
                    }
                } catch (IOException closed) {
                    // the process is gone
                }
                listening.completeExceptionally(new IllegalStateException("server ended before listening: " + output));
            });
            try {
                listening.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("server " + command + " did not start: " + output, e);
            }
            return new ServerProcess(process);
        }
    }
}
