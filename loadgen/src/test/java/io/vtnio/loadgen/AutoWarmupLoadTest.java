package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.loadgen.run.Warmup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --warmup auto} end to end against the test server: the run measures once steady
 * (or at {@code --warmup-max}), and the summary records how long the warm-up took. A stand-in for
 * a server's stdout is written by a scheduled task, as a server prints its stats lines.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AutoWarmupLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDED = Pattern.compile("(?m)^(steady after \\d+\\.\\d\\ds|not steady after 4s "
            + "\\(--warmup-max\\): measuring anyway)$");

    @TempDir
    Path dir;

    private CommandRun load(TestServer server, Path json, String... more) {
        List<String> args = new ArrayList<>(List.of("load", "--port", Integer.toString(server.port()),
                "--connections", "4", "--duration", "1s", "--json", json.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static List<String> fieldNames(JsonNode summary) {
        List<String> names = new ArrayList<>();
        summary.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void autoWarmupMeasuresOnceSteadyAndRecordsHowLongItTook() throws Exception {
        Path json = dir.resolve("auto.json");
        CommandRun run;
        try (TestServer server = TestServer.echo("好")) {
            run = load(server, json, "--warmup", "auto", "--warmup-max", "4s");
        }
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(ENDED.matcher(run.err()).find(), () -> "one line says how the warm-up ended\n" + run);
        assertTrue(run.err().lines().anyMatch(line -> line.contains("warmup") && line.contains("auto ")
                && line.contains("cv ")), () -> "progress lines say the warm-up is automatic\n" + run);
        assertFalse(run.err().contains("jit"), () -> "no server stats, no JIT figure\n" + run);
        assertTrue(run.out().contains("auto warm-up (at most 4s)"), run::toString);
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("warm-up")), () -> "the table shows it\n" + run);

        JsonNode summary = JSON.readTree(json.toFile());
        double warmup = summary.get("warmupSeconds").asDouble();
        assertTrue(warmup >= 1.0 && warmup <= 4.5, "warmupSeconds " + warmup);
        assertTrue(summary.get("steadyState").isBoolean(), summary::toString);
        assertEquals(summary.get("steadyState").asBoolean(), run.err().contains("steady after")
                && !run.err().contains("not steady"), run::toString);
        double seconds = summary.get("durationSeconds").asDouble();
        assertTrue(seconds >= 0.9 && seconds < 2, "the measured window is --duration long: " + seconds);
        List<String> names = fieldNames(summary);
        assertEquals(List.of("warmupSeconds", "steadyState"), names.subList(names.size() - 2, names.size()),
                "new fields come last");
    }

    @Test
    void aFixedWarmupRecordsItsTimeAndNoSteadyState() throws Exception {
        Path json = dir.resolve("fixed.json");
        CommandRun run;
        try (TestServer server = TestServer.echo("好")) {
            run = load(server, json, "--warmup", "500ms");
        }
        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.err().contains("steady"), run::toString);
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(0.5, summary.get("warmupSeconds").asDouble(), 0.05, summary::toString);
        assertTrue(summary.get("steadyState").isNull(), summary::toString);
    }

    @Test
    void withServerStatsTheJitIsWatched() throws Exception {
        Path json = dir.resolve("jit.json");
        Path stats = dir.resolve("server.out");
        // A server whose JIT has long settled: compile time stays put.
        CommandRun run = autoWarmupWatching(stats, uptimeMs -> statsLine(uptimeMs, ",\"compileMillis\":1234"), json);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("jit 0ms/s"), () -> "progress shows the JIT's pace\n" + run);
        assertFalse(run.err().contains("compileMillis"), run::toString);
        assertTrue(ENDED.matcher(run.err()).find(), run::toString);
        JsonNode summary = JSON.readTree(json.toFile());
        assertTrue(summary.get("warmupSeconds").asDouble() >= 1.0, summary::toString);
        assertTrue(summary.get("steadyState").isBoolean(), summary::toString);
    }

    @Test
    void statsWithoutCompileMillisAreSaidOnceAndThenIgnored() throws Exception {
        Path json = dir.resolve("old.json");
        Path stats = dir.resolve("old-server.out");
        CommandRun run = autoWarmupWatching(stats, uptimeMs -> statsLine(uptimeMs, ""), json);
        assertEquals(0, run.exitCode(), run::toString);
        String message = "server stats carry no compileMillis: warm-up judged by throughput only";
        assertEquals(1, run.err().lines().filter(message::equals).count(), run::toString);
        assertTrue(JSON.readTree(json.toFile()).get("warmupSeconds").asDouble() >= 2.0,
                "the JIT criterion is dropped only after its grace of 2 s");
    }

    @Test
    void helloChurnWarmsUpFromItsFirstConnects() throws Exception {
        Path json = dir.resolve("hello.json");
        CommandRun run;
        try (TestServer server = TestServer.hello("hello")) {
            run = CommandRun.of("load", "--mode", "hello", "--port", Integer.toString(server.port()),
                    "--connections", "2", "--duration", "500ms", "--warmup", "auto", "--warmup-max", "3s",
                    "--json", json.toString());
        }
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode summary = JSON.readTree(json.toFile());
        double warmup = summary.get("warmupSeconds").asDouble();
        assertTrue(warmup >= 1.0 && warmup <= 3.5, "warmupSeconds " + warmup);
        assertTrue(summary.get("steadyState").isBoolean(), summary::toString);
        assertTrue(summary.get("requests").asLong() > 0, summary::toString);
    }

    @Test
    void processesEachDetectTheirOwnSteadyStateAndMergeTheirTimes() throws Exception {
        Path json = dir.resolve("split.json");
        CommandRun run;
        try (TestServer server = TestServer.echo("好")) {
            run = load(server, json, "--processes", "2", "--warmup", "auto", "--warmup-max", "4s");
        }
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("[shard 0/2] ") && run.err().contains("steady after"), run::toString);
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(2, summary.get("processes").asInt());
        assertTrue(summary.get("warmupSeconds").asDouble() >= 1.0, summary::toString);
        assertTrue(summary.get("steadyState").isBoolean(), summary::toString);
    }

    @Test
    void aWarmupThatIsNeitherAutoNorADurationIsOneClearError() {
        CommandRun run = CommandRun.of("load", "--port", "1", "--warmup", "autox");
        assertEquals(2, run.exitCode(), run::toString);
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.contains("--warmup") && first.contains("'autox'") && first.contains("auto"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void autoIsReadInAnyCaseAndADurationAsADuration() {
        Warmup.Converter converter = new Warmup.Converter();
        assertTrue(converter.convert(" AUTO ").isAuto(), "as compare --warmup always took it");
        assertEquals(Duration.ofMillis(1500), converter.convert("1.5s").fixed());
    }

    @Test
    void warmupMaxAndServerStatsNeedAutoWarmup() {
        CommandRun max = CommandRun.of("load", "--port", "1", "--warmup", "3s", "--warmup-max", "10s");
        assertEquals(2, max.exitCode(), max::toString);
        assertEquals("--warmup-max applies to --warmup auto", max.err().lines().findFirst().orElse(""));
        CommandRun stats = CommandRun.of("load", "--port", "1", "--server-stats", dir.toString());
        assertEquals(2, stats.exitCode(), stats::toString);
        assertEquals("--server-stats applies to --warmup auto and to a sweep",
                stats.err().lines().findFirst().orElse(""));
    }

    /** A stats line as a server of an older version (no compileMillis) or this one prints it. */
    private static String statsLine(long uptimeMs, String more) {
        return String.format(Locale.ROOT, "{\"type\":\"stats\",\"server\":\"fake\",\"uptimeMillis\":%d,"
                + "\"connectionsOpen\":4,\"connectionsAccepted\":4,\"connectionsClosed\":0,\"messagesIn\":0,"
                + "\"messagesOut\":0,\"bytesIn\":0,\"bytesOut\":0,\"errors\":0,\"slowConsumerDrops\":0,"
                + "\"acceptFailures\":0,\"heapUsedBytes\":1000,\"liveThreads\":9,\"connectionsRefused\":0%s}",
                uptimeMs, more);
    }

    /**
     * Runs {@code load --warmup auto --warmup-max 4s --server-stats file} while a task appends a
     * stats line to {@code file} every 250 ms, after a {@code listening} line, as a server started
     * with {@code --stats-interval 250ms} would.
     */
    private CommandRun autoWarmupWatching(Path file, LongFunction<String> line, Path json) throws Exception {
        Files.writeString(file, "listening 127.0.0.1:1\n");
        AtomicLong uptimeMs = new AtomicLong();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (TestServer server = TestServer.echo("好")) {
            writer.scheduleAtFixedRate(() -> {
                try {
                    Files.writeString(file, line.apply(uptimeMs.addAndGet(250)) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
            return load(server, json, "--warmup", "auto", "--warmup-max", "4s", "--server-stats", file.toString());
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
