package io.vtnio.loadgen.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.compare.launch.CpuPlan;
import io.vtnio.loadgen.compare.probe.ProcFs;
import io.vtnio.loadgen.compare.scenario.ScalingSteps;
import io.vtnio.loadgen.report.summary.CompareSummary;
import io.vtnio.loadgen.report.summary.ResultEntry;
import io.vtnio.loadgen.report.summary.RoundResult;
import io.vtnio.loadgen.report.summary.ScenarioVerdict;
import io.vtnio.loadgen.report.summary.SummaryFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
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

    /** One run shared by the tests of what a default-style run writes: paired rounds of echo, and idle. */
    @TempDir
    static Path pairedDir;

    private static Run paired;

    @BeforeAll
    @Timeout(180)
    static void runEchoAndIdleInTwoPairedRounds() {
        paired = compare("--scenario", "echo,idle", "--rounds", "2", "--duration", "300ms", "--warmup-max", "3s",
                "--idle-connections", "300", "--out", pairedDir.toString());
    }

    @Test
    @Timeout(10)
    void bothServersSideBySideWithTableSummaryReportAndEveryRunsFiles() throws Exception {
        Path dir = pairedDir;
        Run run = paired;
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("echo, peak throughput") && run.out().contains("nio/vt"), run.out());
        assertTrue(run.out().contains("memory/connection"), run.out());

        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        assertEquals(List.of("vt", "nio"), summary.serverNames());
        assertEquals(List.of("echo-peak", "echo-latency", "idle"),
                summary.scenarios().stream().map(s -> s.name()).toList());
        for (ResultEntry entry : summary.results()) {
            assertTrue(entry.measured(), entry.toString());
            assertEquals(0, entry.figures().errors(), entry.toString());
            assertTrue(entry.figures().throughputPerSec() > 0, entry.toString());
            assertTrue(Files.isRegularFile(dir.resolve(entry.rounds().getFirst().hlog())));
            assertTrue(Files.isRegularFile(dir.resolve(entry.rounds().getFirst().hgrm())));
            if (ProcFs.available()) {
                assertNotNull(entry.process().cpuMicrosPerRequest(), entry.toString());
                assertNotNull(entry.process().threads(), entry.toString());
            }
        }
        ResultEntry latency = summary.result("echo-latency", "nio");
        assertEquals("open", latency.figures().model());
        assertEquals(Comparison.latencyRate(List.of(summary.result("echo-peak", "vt"),
                summary.result("echo-peak", "nio"))), latency.figures().targetRatePerSec(), 1e-9);
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
    @Timeout(10)
    void pairedRoundsWarmUntilSteadyAndEndInAVerdictWithAnInterval() throws Exception {
        Run run = paired;
        assertEquals(0, run.exitCode(), run.toString());
        CompareSummary summary = SummaryFile.read(pairedDir.resolve("summary.json"));
        assertEquals("vt nio, then nio vt, alternating", summary.order());
        for (ResultEntry entry : summary.results()) {
            assertEquals(2, entry.rounds().size(), entry.toString());
            if (entry.scenario().equals("idle")) {
                continue; // idle holds connections; it has no load to warm up
            }
            for (RoundResult round : entry.rounds()) {
                assertNotNull(round.warmupSeconds(), round.toString());
                // The bound is honoured (3s, not the default 15s); the slack is for a loaded machine, where the
                // generator's last warm-up interval can end a second late.
                assertTrue(round.warmupSeconds() >= 1 && round.warmupSeconds() <= 5, round.toString());
                assertNotNull(round.steadyState(), "auto warm-up says whether it was steady: " + round);
                assertNotNull(round.check(), "every round is checked: " + round);
                assertNotNull(round.check().serverBusyPct(), "its server's busy share is known on Linux: " + round);
                assertNotNull(round.check().generatorBusyPct(), round.toString());
            }
        }
        ScenarioVerdict peak = summary.verdicts("echo-peak").getFirst();
        // A round left out (not steady, machine busy, generator-bound: likely while the suite loads the machine)
        // drops its pair, and the verdict names it; two fixed rounds are not rerun.
        long pairsLeftOut = peak.leftOut().stream().map(line -> line.replaceAll("^\\S+ round (\\d+):.*", "$1"))
                .distinct().count();
        assertEquals(2 - pairsLeftOut, peak.pairs(), peak.toString());
        assertEquals("replies/s", peak.figure());
        assertTrue(List.of("ahead", "even", "inconclusive").contains(peak.verdict()), peak.toString());
        assertNotNull(summary.noise());
        assertTrue(summary.noise().checkpoints().size() >= 3, "before, and after each scenario");
        assertTrue(run.out().contains("  = " + peak.line()), run.out());
        assertTrue(run.out().contains("machine noise: "), run.out());
    }

    @Test
    @Timeout(90)
    void ptAndAnyCommandThatSpeaksTheProtocolAreContestantsAndEveryContestantIsToldItsCpus() throws Exception {
        // Not pinned, the server is told every CPU: on a machine of two or more that differs from nio's default of 1.
        int n = CpuPlan.detect(false, null).serverCpuCount();
        String java = ProcessHandle.current().info().command().orElseThrow();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' io.vtnio.nio.SelectorServerMain --port {port} --mode {mode} --work {work}";
        Run run = compare("--servers", "nio,vt,pt,shell", "--server", "shell=" + command, "--no-pin", "--scenario",
                "churn", "--rounds", "1", "--duration", "300ms", "--warmup", "100ms", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());

        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        ResultEntry churn = summary.result("churn", "shell");
        assertTrue(churn.measured() && churn.figures().throughputPerSec() > 0, churn.toString());
        assertEquals("hello", churn.figures().mode());
        // Verified first, in the one mode its scenario runs: hello's rules, less the one about another greeting.
        assertEquals("verified: 2 passed, 25 skipped", summary.contestants().get(3).verification());
        ResultEntry pt = summary.result("churn", "pt");
        assertTrue(pt.measured() && pt.figures().throughputPerSec() > 0, "pt, vt's code on platform threads: " + pt);

        String nio = Files.readString(dir.resolve("churn/nio-1.server.err"));
        assertTrue(nio.contains(", loops " + n + ","), "nio was started with --loops " + n + ": " + nio);
        String vt = Files.readString(dir.resolve("churn/vt-1.server.err"));
        assertTrue(vt.contains(" on " + n + (n == 1 ? " carrier," : " carriers,")), "vt's parallelism was stated: " + vt);
        assertFalse(vt.contains("(the default)"), vt);
        String load = Files.readString(dir.resolve("churn/nio-1.load.log"));
        assertTrue(load.contains(", " + n + (n == 1 ? " thread" : " threads")), "the generator got --threads: " + load);

        assertEquals(n, summary.cpuPlan().serverCpuCount());
        assertEquals(n, summary.cpuPlan().generatorThreads());
        assertEquals("--loops " + n, summary.contestants().get(0).toldArguments());
        assertEquals(n, summary.contestants().get(1).cpus());
        assertTrue(summary.contestants().get(0).command().endsWith("--loops " + n),
                summary.contestants().get(0).command());
        String s = n == 1 ? "" : "s";
        assertTrue(run.out().contains("  nio: " + n + " CPU" + s + " shared with the generator, " + n + " loop" + s
                + " (--loops " + n + ")"), run.out());
        assertTrue(run.out().contains("  generator: "), run.out());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("nio: " + n + " CPU"), "the report says it");
    }

    @Test
    @Timeout(120)
    void scalingRunsEchoPeakAndBackendAtEveryStepAndChartsThemAgainstServerCpus() throws Exception {
        Run run = compare("--servers", "nio,vt", "--scaling", "--rounds", "1", "--duration", "300ms", "--warmup",
                "100ms", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        List<Integer> steps = summary.scaling().steps().stream().map(step -> step.serverCpus()).toList();
        assertEquals(ScalingSteps.detect(true).plans().stream().map(CpuPlan::serverCpuCount).toList(), steps);
        assertEquals(steps.size() * 2, summary.scenarios().size(), "echo-peak and backend at every step");
        assertEquals(steps.size() * 2 * 2, summary.scaling().points().size());
        for (var point : summary.scaling().points()) {
            assertNotNull(point.throughputPerSec(), point.toString());
            assertNotNull(summary.result(point.resultScenario(), point.server()), point.toString());
        }
        assertTrue(run.err().contains("vtnio compare --scaling: " + summary.scaling().explanation()), run.err());
        assertTrue(run.out().contains("scaling: " + summary.scaling().explanation()), run.out());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Scaling with server CPUs"), "the scaling section");
        assertTrue(html.contains("alt=\"echo-peak: requests/s against server CPUs\" src=\"data:image/png;base64,"));
        assertTrue(html.contains("alt=\"backend: server CPU per request against server CPUs\" src=\"data:image/png"));
        assertFalse(html.contains("chart unavailable"), "every chart drawn");
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
        assertEquals(2, compare("--server-cpus", "0").exitCode());
        assertEquals(2, compare("--server-cpus", "100000").exitCode());
        assertEquals(2, compare("--scaling", "--scenario", "echo").exitCode());
        assertEquals(2, compare("--scaling", "--server-cpus", "1").exitCode());
    }
}
