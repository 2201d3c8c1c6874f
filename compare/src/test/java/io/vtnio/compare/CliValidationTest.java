package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.CommandRun;
import io.vtnio.loadgen.result.IntervalLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flag that takes a value, of every subcommand of {@code vtnio}, turns a bad value away before any work:
 * exit code 2, nothing on stdout, and the first line on stderr names the flag (for a file
 * argument: the file). Bad values are caught before a socket opens or a process starts; the
 * load cases aim at port 1 all the same, in case one slipped through.
 *
 * <p>Placeholders in the arguments: {@code @SUMMARY} a valid {@code load --json} file,
 * {@code @HLOG} a valid interval log, {@code @GARBAGE} a file of neither kind, {@code @FILE} an
 * existing plain file, {@code @DIR} an existing directory, {@code @MISSING} a file that is not there.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliValidationTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("summary.json"), """
                {"tool":"vtnio","version":"0.1","mode":"echo","model":"closed","server":"vt","connections":100,
                 "durationSeconds":10.0,"requests":1000,"errors":0,"throughputPerSec":100.0,"targetRatePerSec":null,
                 "latencyMicros":{"p50":100,"p90":200,"p99":300,"p999":900,"max":1000,"mean":120.0},
                 "serviceTimeMicros":{"p50":100,"p90":200,"p99":300,"p999":900,"max":1000,"mean":120.0},
                 "errorsByKind":{},"processes":1}
                """);
        IntervalLog.create(dir.resolve("run.hlog"), "vtnio load: test").close();
        Files.writeString(dir.resolve("garbage.txt"), "not json, not a histogram log\n");
        Files.createDirectory(dir.resolve("sub"));
    }

    private static Arguments bad(String flag, String... args) {
        return Arguments.of(flag, List.of(args));
    }

    /** {@code load --port 1 ... FLAG VALUE}: everything else valid. */
    private static Arguments load(String flag, String... rest) {
        List<String> args = new ArrayList<>(List.of("load", "--port", "1"));
        args.addAll(List.of(rest));
        return Arguments.of(flag, args);
    }

    static Stream<Arguments> loadCases() {
        return Stream.of(
                load("--host", "--host", ""),
                load("--host", "--host", "[::1"),
                load("--port", "--port", "0"),
                load("--port", "--port", "70000"),
                load("--port", "--port", "-1"),
                load("--port", "--port", "http"),
                load("--bind", "--bind", " "),
                load("--bind", "--bind", "[::1"),
                load("--connections", "--connections", "0"),
                load("--connections", "--connections", "-3"),
                load("--connections", "-c", "many"),
                load("--connect-rate", "--connect-rate", "0"),
                load("--connect-rate", "--connect-rate", "-10"),
                load("--connect-rate", "--connect-rate", "NaN"),
                load("--connect-rate", "--connect-rate", "fast"),
                load("--mode", "--mode", "bogus"),
                load("--duration", "--duration", "0s"),
                load("--duration", "--duration", "1x"),
                load("--duration", "-d", "-1s"),
                load("--duration", "--duration", "9000h"),
                load("--warmup", "--warmup", "soon"),
                load("--warmup", "--warmup", "-2s"),
                load("--warmup", "--warmup", "9000h"),
                load("--warmup", "--warmup", "autox"),
                load("--warmup", "--warmup", ""),
                load("--warmup-max", "--warmup-max", "10s"),
                load("--warmup-max", "--warmup", "5s", "--warmup-max", "10s"),
                load("--warmup-max", "--warmup", "auto", "--warmup-max", "0"),
                load("--warmup-max", "--warmup", "auto", "--warmup-max", "soon"),
                load("--warmup-max", "--warmup", "auto", "--warmup-max", "9000h"),
                load("--server-stats", "--server-stats", "@FILE"),
                load("--server-stats", "--warmup", "auto", "--server-stats", "@MISSING"),
                load("--server-stats", "--warmup", "auto", "--server-stats", "@DIR"),
                load("--timeout", "--timeout", "0"),
                load("--timeout", "--timeout", "5 seconds"),
                load("--rate", "--rate", "0"),
                load("--rate", "--rate", "-5"),
                load("--rate", "--rate", "lots"),
                load("--rate", "--rate", "Infinity"),
                load("--rate", "--rate", "2e9"),
                load("--payload", "--payload", "0"),
                load("--payload", "--payload", "12q"),
                load("--payload", "--payload", "-1"),
                load("--payload", "--payload", "1g"),
                load("--pipeline", "--pipeline", "0"),
                load("--pipeline", "--pipeline", "-1"),
                load("--pipeline", "--pipeline", "deep"),
                load("--pipeline", "--pipeline", "2000000"),
                load("--pipeline", "--rate", "100", "--pipeline", "4"),
                load("--publishers", "--publishers", "2"),
                load("--publishers", "--mode", "chat", "--publishers", "0"),
                load("--publishers", "--mode", "chat", "--connections", "5", "--publishers", "6"),
                load("--publishers", "--mode", "chat", "--publishers", "some"),
                load("--suffix", "--suffix", "ok\nmore"),
                load("--greeting", "--mode", "hello", "--greeting", "hi\n"),
                load("--threads", "--threads", "0"),
                load("--threads", "--threads", "2000"),
                load("--threads", "--threads", "all"),
                load("--processes", "--processes", "0"),
                load("--processes", "--processes", "-1"),
                load("--processes", "--processes", "two"),
                load("--processes", "--connections", "2", "--processes", "3"),
                load("--processes", "--processes", "2", "--shard", "0/2"),
                load("--shard", "--shard", "3/2"),
                load("--shard", "--shard", "1"),
                load("--shard", "--shard", "a/b"),
                load("--shard", "--shard", "-1/2"),
                load("--shard", "--shard", "0/0"),
                load("--shard", "--connections", "2", "--shard", "0/3"),
                load("--hlog", "--hlog", "/no/such/dir/x.hlog"),
                load("--hlog", "--hlog", "@DIR"),
                load("--json", "--json", "/no/such/dir/x.json"),
                load("--json", "--json", "@DIR"),
                load("--hgrm", "--hgrm", "/no/such/dir/x.hgrm"),
                load("--label", "--label", ""),
                load("--label", "--label", "  "),
                load("--no-such-option", "--no-such-option"));
    }

    static Stream<Arguments> compareCases() {
        return Stream.of(
                bad("--servers", "compare", "--servers", "bogus"),
                bad("--servers", "compare", "--servers", "vt,vt"),
                bad("--protocol", "compare", "--protocol", "smtp"),
                bad("--protocol", "compare", "--servers", "vt,helidon"),
                bad("--scenario", "compare", "--protocol", "http", "--scenario", "fanout"),
                bad("--servers", "compare", "--servers", ""),
                bad("--server", "compare", "--server", "no-equals-sign"),
                bad("--server", "compare", "--server", "bad name=true"),
                bad("--server", "compare", "--server", "x="),
                bad("--server", "compare", "--server", "x=   "),
                bad("--scenario", "compare", "--scenario", "bogus"),
                bad("--scenario", "compare", "--scenario", "echo,nope"),
                bad("--rounds", "compare", "--rounds", "0"),
                bad("--rounds", "compare", "--rounds", "101"),
                bad("--rounds", "compare", "--rounds", "three"),
                bad("--out", "compare", "--out", "@FILE"),
                bad("--jvm-opts", "compare", "--jvm-opts", "-Xmx256m Xms256m"),
                bad("--duration", "compare", "--duration", "0"),
                bad("--duration", "compare", "--duration", "long"),
                bad("--warmup", "compare", "--warmup", "-1s"),
                bad("--warmup", "compare", "--warmup", "short"),
                bad("--echo-rate", "compare", "--echo-rate", "0"),
                bad("--echo-rate", "compare", "--echo-rate", "-5"),
                bad("--echo-rate", "compare", "--echo-rate", "half"),
                bad("--idle-connections", "compare", "--idle-connections", "0"),
                bad("--idle-connections", "compare", "--idle-connections", "many"));
    }

    static Stream<Arguments> checkCases() {
        return Stream.of(
                bad("@MISSING", "check", "@MISSING", "--max-errors", "0"),
                bad("@DIR", "check", "@DIR", "--max-errors", "0"),
                bad("@GARBAGE", "check", "@GARBAGE", "--max-errors", "0"),
                bad("--max-p99", "check", "@SUMMARY", "--max-p99", "0"),
                bad("--max-p99", "check", "@SUMMARY", "--max-p99", "-1ms"),
                bad("--max-p99", "check", "@SUMMARY", "--max-p99", "fast"),
                bad("--min-throughput", "check", "@SUMMARY", "--min-throughput", "0"),
                bad("--min-throughput", "check", "@SUMMARY", "--min-throughput", "-1"),
                bad("--min-throughput", "check", "@SUMMARY", "--min-throughput", "NaN"),
                bad("--min-throughput", "check", "@SUMMARY", "--min-throughput", "high"),
                bad("--max-errors", "check", "@SUMMARY", "--max-errors", "-1"),
                bad("--max-errors", "check", "@SUMMARY", "--max-errors", "none"),
                bad("--baseline", "check", "@SUMMARY", "--baseline", "@MISSING"),
                bad("--baseline", "check", "@SUMMARY", "--baseline", "@DIR"),
                bad("--baseline", "check", "@SUMMARY", "--baseline", "@GARBAGE"),
                bad("--tolerance", "check", "@SUMMARY", "--baseline", "@SUMMARY", "--tolerance", "-1"),
                bad("--tolerance", "check", "@SUMMARY", "--baseline", "@SUMMARY", "--tolerance", "ten"),
                bad("--tolerance", "check", "@SUMMARY", "--baseline", "@SUMMARY", "--tolerance", "NaN"),
                bad("--tolerance", "check", "@SUMMARY", "--max-errors", "0", "--tolerance", "5"),
                bad("--scenario", "check", "@SUMMARY", "--max-errors", "0", "--scenario", "nope"),
                bad("--server", "check", "@SUMMARY", "--max-errors", "0", "--server", "nope"));
    }

    static Stream<Arguments> mergeCases() {
        return Stream.of(
                bad("@MISSING", "merge", "@MISSING"),
                bad("@MISSING", "merge", "@HLOG", "@MISSING"),
                bad("@DIR", "merge", "@DIR"),
                bad("--json", "merge", "@HLOG", "--json", "/no/such/dir/x.json"),
                bad("--json", "merge", "@HLOG", "--json", "@DIR"),
                bad("--hgrm", "merge", "@HLOG", "--hgrm", "/no/such/dir/x.hgrm"),
                bad("--hgrm", "merge", "@HLOG", "--hgrm", "@DIR"),
                bad("--label", "merge", "@HLOG", "--label", ""));
    }

    @ParameterizedTest(name = "load: {1}")
    @MethodSource("loadCases")
    void loadRejectsABadValueNamingItsFlag(String flag, List<String> args) {
        assertBadUsage(flag, args);
    }

    @ParameterizedTest(name = "compare: {1}")
    @MethodSource("compareCases")
    void compareRejectsABadValueNamingItsFlag(String flag, List<String> args) {
        assertBadUsage(flag, args);
    }

    @ParameterizedTest(name = "check: {1}")
    @MethodSource("checkCases")
    void checkRejectsABadValueNamingItsFlag(String flag, List<String> args) {
        assertBadUsage(flag, args);
    }

    @ParameterizedTest(name = "merge: {1}")
    @MethodSource("mergeCases")
    void mergeRejectsABadValueNamingItsFlag(String flag, List<String> args) {
        assertBadUsage(flag, args);
    }

    private void assertBadUsage(String flag, List<String> args) {
        CommandRun run = CommandRun.of(VtnioCommand.commandLine(), args.stream().map(this::resolve).toArray(String[]::new));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out(), () -> "nothing ran\n" + run);
        String firstLine = run.err().lines().findFirst().orElse("");
        assertTrue(firstLine.contains(resolve(flag)), () -> "the first line names " + resolve(flag) + "\n" + run);
        assertFalse(run.err().contains("\tat "), () -> "a message, not a stack trace\n" + run);
        // A bad flag: the error and one hint to --help; a file that is not what it should be: one line.
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.size() <= 2, () -> "the error and at most one hint, not the whole usage\n" + run);
        assertTrue(lines.size() == 1 || lines.get(1).matches("try 'vtnio [a-z]+ --help'"),
                () -> "a hint to the command's help\n" + run);
    }

    private String resolve(String arg) {
        return switch (arg) {
            case "@SUMMARY" -> dir.resolve("summary.json").toString();
            case "@HLOG" -> dir.resolve("run.hlog").toString();
            case "@GARBAGE", "@FILE" -> dir.resolve("garbage.txt").toString();
            case "@DIR" -> dir.resolve("sub").toString();
            case "@MISSING" -> dir.resolve("missing.file").toString();
            default -> arg;
        };
    }
}
