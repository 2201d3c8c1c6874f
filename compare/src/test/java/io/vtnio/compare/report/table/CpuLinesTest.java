package io.vtnio.compare.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.HtmlReport;
import io.vtnio.compare.report.SummaryFixture;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ContestantInfo;
import io.vtnio.compare.report.summary.CpuPlanInfo;
import io.vtnio.compare.report.summary.ScalingInfo;
import io.vtnio.compare.report.summary.SummaryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report and summary.json say about each contestant's CPUs, and the scaling section,
 * through a summary written and read back as compare writes it.
 */
class CpuLinesTest {

    private static final CpuPlanInfo TWO_CPUS = new CpuPlanInfo("server on CPU 1, generator on CPU 0 (taskset)", true,
            List.of(0, 1), List.of(1), List.of(0), 1, 1, "1 CPU (CPU 0), 1 thread (--threads 1)");
    private static final List<ContestantInfo> TOLD = List.of(
            new ContestantInfo("vt", "java ...", 1, "1 CPU (CPU 1)", "1 carrier",
                    "-Djdk.virtualThreadScheduler.parallelism=1"),
            new ContestantInfo("nio", "java ...", 1, "1 CPU (CPU 1)", "1 loop", "--loops 1"),
            new ContestantInfo("pt", "java ...", 1, "1 CPU (CPU 1)", "thread per connection", "nothing"),
            new ContestantInfo("netty", "./netty {cpus}", 1, "1 CPU (CPU 1)", "{cpus}=1", "{cpus}=1"),
            new ContestantInfo("go", "./go", 1, "1 CPU (CPU 1)", "not told (no {cpus})", "nothing"));

    @TempDir
    Path dir;

    @Test
    void eachContestantSaysItsCpusAndHowItWasToldThenTheGenerator() {
        assertEquals(List.of(
                "vt: 1 CPU (CPU 1), 1 carrier (-Djdk.virtualThreadScheduler.parallelism=1)",
                "nio: 1 CPU (CPU 1), 1 loop (--loops 1)",
                "pt: 1 CPU (CPU 1), thread per connection",
                "netty: 1 CPU (CPU 1), {cpus}=1",
                "go: 1 CPU (CPU 1), not told (no {cpus})",
                "generator: 1 CPU (CPU 0), 1 thread (--threads 1)"), CpuLines.of(TOLD, TWO_CPUS));
    }

    @Test
    void aSummaryWithoutCpuFieldsStillReadsAndSaysNothingOfThem() throws Exception {
        CompareSummary old = SummaryFixture.summary(1, 1, 1);
        CompareSummary read = SummaryFile.read(SummaryFixture.write(dir, old));
        assertNull(read.cpuPlan());
        assertNull(read.contestants().getFirst().cpus());
        assertEquals(List.of(), CpuLines.of(read));
    }

    @Test
    @Timeout(60)
    void theCpuPlanAndScalingSurviveSummaryJsonAndReachTheReport() throws Exception {
        CompareSummary base = SummaryFixture.summary(1, 1, 1);
        ScalingInfo scaling = new ScalingInfo("this machine allows only 1 server CPU: this process may use 2 CPUs (0-1)",
                List.of("echo-peak", "backend"),
                List.of(new ScalingInfo.Step(1, TWO_CPUS, TOLD.subList(0, 2))),
                List.of(new ScalingInfo.Point("echo-peak", "vt", 1, "echo-peak-1cpu", 100_000.0, 6.1),
                        new ScalingInfo.Point("echo-peak", "nio", 1, "echo-peak-1cpu", 120_000.0, 5.0),
                        new ScalingInfo.Point("backend", "vt", 1, "backend-1cpu", 9_000.0, 40.0),
                        new ScalingInfo.Point("backend", "nio", 1, "backend-1cpu", null, null)));
        CompareSummary summary = new CompareSummary(base.tool(), base.kind(), base.version(), base.startedAt(),
                base.wallSeconds(), base.commandLine(), base.rounds(), base.order(), TOLD.subList(0, 2),
                base.jvmOptions(), base.pinning(), base.machine(), base.scenarios(), base.results(), base.notes(),
                base.roundsAuto(), base.thresholdPct(), base.verdicts(), base.noise(), TWO_CPUS, scaling);
        CompareSummary read = SummaryFile.read(SummaryFixture.write(dir, summary));
        assertEquals(TWO_CPUS, read.cpuPlan());
        assertEquals(scaling, read.scaling());
        assertEquals(TOLD.subList(0, 2), read.contestants());
        String json = Files.readString(dir.resolve("summary.json"));
        assertTrue(json.contains("\"toldArguments\" : \"--loops 1\""), json);
        assertTrue(json.contains("\"generatorThreads\" : 1"), json);

        String plain = HtmlReport.render(dir, new CompareSummary(base.tool(), base.kind(), base.version(),
                base.startedAt(), base.wallSeconds(), base.commandLine(), base.rounds(), base.order(), TOLD.subList(0, 2),
                base.jvmOptions(), base.pinning(), base.machine(), base.scenarios(), base.results(), base.notes(),
                base.roundsAuto(), base.thresholdPct(), base.verdicts(), base.noise(), TWO_CPUS, null));
        assertTrue(plain.contains("vt: 1 CPU (CPU 1), 1 carrier (-Djdk.virtualThreadScheduler.parallelism=1)"));
        assertTrue(plain.contains("generator: 1 CPU (CPU 0), 1 thread (--threads 1)"));
        assertFalse(plain.contains("Scaling with server CPUs"));

        String html = HtmlReport.render(dir, read);
        assertTrue(html.contains("server 1 CPU (CPU 1): vt 1 carrier, nio 1 loop; generator 1 CPU (CPU 0), 1 thread "
                + "(--threads 1)"), "each step says what everyone had");
        assertTrue(html.contains("This machine allows only 1 server CPU: this process may use 2 CPUs (0-1)."), html);
        for (String alt : List.of("echo-peak: requests/s", "echo-peak: server CPU per request", "backend: requests/s",
                "backend: server CPU per request")) {
            assertTrue(Pattern.compile("alt=\"" + Pattern.quote(alt) + " against server CPUs\" src=\"data:image/png")
                    .matcher(html).find(), alt);
        }
        assertTrue(html.contains("<td>n/a</td>"), "nio's backend point has no figure");
        assertFalse(html.contains("chart unavailable"), "every chart drawn");
    }
}
