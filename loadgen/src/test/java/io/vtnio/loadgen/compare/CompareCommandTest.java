package io.vtnio.loadgen.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.report.CompareSummary;
import io.vtnio.loadgen.report.ResultEntry;
import io.vtnio.loadgen.report.RoundResult;
import io.vtnio.loadgen.report.ScenarioVerdict;
import io.vtnio.loadgen.report.SummaryFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code compare} for real, small and short: the servers from this class path (no built jars
 * needed), the generator as a child JVM, every port picked by the servers themselves.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run compare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CompareCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(120)
    void bothServersSideBySideWithTableSummaryReportAndEveryRunsFiles() throws Exception {
        Run run = compare("--scenario", "echo,idle", "--rounds", "1", "--duration", "500ms", "--warmup", "200ms",
                "--idle-connections", "300", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("echo, peak throughput") && run.out().contains("nio/vt"), run.out());
        assertTrue(run.out().contains("memory/connection"), run.out());

        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        assertEquals(List.of("vt", "nio"), summary.serverNames());
        assertEquals(List.of("echo-peak", "echo-latency", "idle"),
                summary.scenarios().stream().map(s -> s.name()).toList());
        for (ResultEntry entry : summary.results()) {
            assertTrue(entry.measured(), entry.toString());
            assertEquals(0, entry.errors(), entry.toString());
            assertTrue(entry.throughputPerSec() > 0, entry.toString());
            assertTrue(Files.isRegularFile(dir.resolve(entry.rounds().getFirst().hlog())));
            assertTrue(Files.isRegularFile(dir.resolve(entry.rounds().getFirst().hgrm())));
            if (ProcFs.available()) {
                assertNotNull(entry.process().cpuMicrosPerRequest(), entry.toString());
                assertNotNull(entry.process().threads(), entry.toString());
            }
        }
        ResultEntry latency = summary.result("echo-latency", "nio");
        assertEquals("open", latency.model());
        assertEquals(Comparison.latencyRate(List.of(summary.result("echo-peak", "vt"),
                summary.result("echo-peak", "nio"))), latency.targetRatePerSec(), 1e-9);
        if (ProcFs.available()) {
            assertNotNull(summary.result("idle", "vt").process().bytesPerConnection());
            assertNotNull(summary.result("idle", "nio").process().heapBytesPerConnection());
        }

        String html = Files.readString(dir.resolve("report.html"));
        assertEquals(7, Pattern.compile("src=\"data:image/png;base64,").matcher(html).results().count());
        assertFalse(html.contains("chart unavailable"), "every chart drawn");
        assertTrue(html.contains("vtnio compare --scenario echo,idle"), "the command line");
    }

    @Test
    @Timeout(150)
    void pairedRoundsWarmUntilSteadyAndEndInAVerdictWithAnInterval() throws Exception {
        Run run = compare("--scenario", "echo", "--rounds", "2", "--duration", "300ms", "--warmup-max", "3s",
                "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        assertEquals("vt nio, then nio vt, alternating", summary.order());
        for (ResultEntry entry : summary.results()) {
            assertEquals(2, entry.rounds().size(), entry.toString());
            for (RoundResult round : entry.rounds()) {
                assertNotNull(round.warmupSeconds(), round.toString());
                assertTrue(round.warmupSeconds() >= 1 && round.warmupSeconds() <= 3.5, round.toString());
                assertNotNull(round.steadyState(), "auto warm-up says whether it was steady: " + round);
            }
        }
        ScenarioVerdict peak = summary.verdicts("echo-peak").getFirst();
        assertEquals(2, peak.pairs());
        assertEquals("replies/s", peak.figure());
        assertTrue(List.of("ahead", "even", "inconclusive").contains(peak.verdict()), peak.toString());
        assertNotNull(summary.noise());
        assertTrue(summary.noise().checkpoints().size() >= 3, "before, and after each scenario");
        assertTrue(run.out().contains("  = " + peak.line()), run.out());
        assertTrue(run.out().contains("machine noise: "), run.out());
    }

    @Test
    @Timeout(60)
    void anyCommandThatSpeaksTheProtocolCanBeAContestant() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' io.vtnio.nio.SelectorServerMain --port {port} --mode {mode} --work {work}";
        Run run = compare("--servers", "shell", "--server", "shell=" + command, "--scenario", "churn", "--rounds", "1",
                "--duration", "300ms", "--warmup", "100ms", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        ResultEntry churn = SummaryFile.read(dir.resolve("summary.json")).result("churn", "shell");
        assertTrue(churn.measured() && churn.throughputPerSec() > 0, churn.toString());
        assertEquals("hello", churn.mode());
        // Verified first, in the one mode its scenario runs: hello's rules, less the one about another greeting.
        assertEquals("verified: 2 passed, 25 skipped",
                SummaryFile.read(dir.resolve("summary.json")).contestants().get(0).verification());
    }

    @Test
    void badUsageExits2() {
        assertEquals(2, compare("--servers", "tomcat").exitCode());
        assertEquals(2, compare("--scenario", "everything").exitCode());
        assertEquals(2, compare("--rounds", "0").exitCode());
        assertEquals(2, compare("--server", "nameless").exitCode());
        assertEquals(2, compare("--rounds", "often").exitCode());
        assertEquals(2, compare("--rounds", "3", "--max-time", "1m").exitCode());
        assertEquals(2, compare("--threshold", "0").exitCode());
        assertEquals(2, compare("--warmup", "soon").exitCode());
        assertEquals(2, compare("--warmup", "1s", "--warmup-max", "5s").exitCode());
    }
}
