package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.CompareCommandTest.Run;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.SummaryFile;
import io.vtnio.compare.scenario.ScalingSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code compare} for real over the CPU plan: what every contestant (pt and a {@code --server}
 * command among them) is told of its CPUs, and {@code --scaling} over server CPUs. A class of its
 * own so that it runs beside {@link CompareCommandTest} in the other test fork.
 */
class CompareCpuPlanTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void ptAndAnyCommandThatSpeaksTheProtocolAreContestantsAndEveryContestantIsToldItsCpus() throws Exception {
        // With --profile --syscalls too, as docs/compare.md's `compare --quick --profile --syscalls` (which CI skips for this).
        // Not pinned, the server is told every CPU: on a machine of two or more that differs from nio's default of 1.
        int n = CpuPlan.detect(false, null).serverCpuCount();
        String java = ProcessHandle.current().info().command().orElseThrow();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' io.vtnio.nio.SelectorServerMain --port {port} --mode {mode} --work {work}";
        Run run = CompareCommandTest.compare("--servers", "nio,vt,pt,shell", "--server", "shell=" + command, "--no-pin",
                "--scenario",
                "churn", "--rounds", "1", "--duration", "300ms", "--warmup", "100ms", "--profile", "--syscalls", "--out",
                dir.toString());
        assertEquals(0, run.exitCode(), run.toString());

        CompareSummary summary = SummaryFile.read(dir.resolve("summary.json"));
        ResultEntry churn = summary.result("churn", "shell");
        assertTrue(churn.measured() && churn.figures().throughputPerSec() > 0, churn.toString());
        assertEquals("hello", churn.figures().mode());
        // Verified first, in the one mode its scenario runs: hello's rules, less the one about another greeting.
        assertEquals("verified: 2 passed, 41 skipped", summary.contestants().get(3).verification());
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
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("nio: " + n + " CPU"), "the report says it");

        for (String builtIn : List.of("nio", "vt", "pt")) {
            var profile = summary.result("churn", builtIn).process().profile();
            assertNotNull(profile, "every built-in server run is recorded: " + builtIn);
            assertTrue(Files.isRegularFile(dir.resolve(profile.recording())), profile.recording());
        }
        for (ResultEntry entry : summary.results()) {
            var syscalls = entry.process().syscalls();
            assertNotNull(syscalls, "counted, or said why not: " + entry);
            assertTrue(!syscalls.perRequest().isEmpty() || syscalls.notMeasured() != null, syscalls.toString());
        }
        assertTrue(html.contains("Why: the flight recordings of the measured windows"), "the profile section");
    }

    @Test
    @Timeout(120)
    void scalingRunsEchoPeakAndBackendAtEveryStepAndChartsThemAgainstServerCpus() throws Exception {
        Run run = CompareCommandTest.compare("--servers", "nio,vt", "--scaling", "--rounds", "1", "--duration", "300ms", "--warmup",
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
}
