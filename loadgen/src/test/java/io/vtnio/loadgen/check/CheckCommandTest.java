package io.vtnio.loadgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.report.CompareSummary;
import io.vtnio.loadgen.report.SummaryFile;
import io.vtnio.loadgen.report.SummaryFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run check(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CheckCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        int code = commandLine.execute(strings);
        return new Run(code, out.toString(), err.toString());
    }

    private Path summary(String name, double throughputFactor, double latencyFactor) throws IOException {
        Path file = dir.resolve(name);
        SummaryFile.write(file, SummaryFixture.summary(throughputFactor, latencyFactor));
        return file;
    }

    private Path loadJson(String name, double throughput, long p99, long errors) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.format(Locale.ROOT, """
                {"tool":"vtnio","version":"0.1","mode":"echo","model":"closed","server":"vt","connections":100,
                 "durationSeconds":10.0,"requests":1000,"errors":%d,"throughputPerSec":%.1f,"targetRatePerSec":null,
                 "latencyMicros":{"p50":100,"p90":200,"p99":%d,"p999":900,"max":1000,"mean":120.0},
                 "serviceTimeMicros":{"p50":100,"p90":200,"p99":%d,"p999":900,"max":1000,"mean":120.0},
                 "errorsByKind":{},"processes":1}
                """, errors, throughput, p99, p99));
        return file;
    }

    @Test
    void aSummaryPassesAgainstItselfAsBaseline() throws IOException {
        Path base = summary("base.json", 1, 1);
        Run run = check(base, "--baseline", base, "--tolerance", "10", "--max-errors", "0");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("all"), run.out());
    }

    @Test
    void throughputDownBeyondToleranceFailsWithExit3NamingEachResult() throws IOException {
        Path base = summary("base.json", 1, 1);
        Path worse = summary("worse.json", 0.8, 1);
        Run run = check(worse, "--baseline", base, "--tolerance", "10%");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo-peak/nio: throughput"), run.out());
        assertTrue(run.out().contains("FAIL echo-peak/vt: throughput"), run.out());
        assertTrue(run.out().contains("by 20.0%"), run.out());
    }

    @Test
    void p99UpBeyondToleranceFails() throws IOException {
        Path base = summary("base.json", 1, 1);
        Path slower = summary("slower.json", 1, 1.5);
        Run run = check(slower, "--baseline", base, "--tolerance", "25");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo-latency/vt: latency p99"), run.out());
    }

    @Test
    void openLoopResultsAreHeldToTheShareOfTheirTargetRateAchieved() throws IOException {
        Path base = summary("base.json", 1, 1);
        Path behind = summary("behind.json", 0.8, 1);
        Run run = check(behind, "--baseline", base, "--tolerance", "10", "--scenario", "echo-latency");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo-latency/vt: achieved 80.0% of its target rate 50,000.0/s, below the "
                + "baseline's 100.0% by 20.0%"), run.out());
    }

    @Test
    void aBaselineAtAnotherRateIsComparedWithANote() throws IOException {
        Path base = summary("base.json", 1, 1);
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(base).replace("\"targetRatePerSec\" : 50000.0",
                "\"targetRatePerSec\" : 40000.0").replace("\"throughputPerSec\" : 50000.0",
                "\"throughputPerSec\" : 40000.0"));
        Run run = check(other, "--baseline", base, "--scenario", "echo-latency");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("note: echo-latency/vt ran at 40,000/s, its baseline at 50,000/s"), run.out());
    }

    @Test
    void changesWithinToleranceHold() throws IOException {
        Path base = summary("base.json", 1, 1);
        Path close = summary("close.json", 0.95, 1.05);
        assertEquals(0, check(close, "--baseline", base, "--tolerance", "10").exitCode());
    }

    @Test
    void scenarioAndServerFiltersLimitTheCheck() throws IOException {
        Path base = summary("base.json", 1, 1);
        Run run = check(base, "--scenario", "echo-peak", "--server", "nio", "--min-throughput", "110000");
        assertEquals(0, run.exitCode(), run.toString());
        Run failing = check(base, "--scenario", "echo-peak", "--min-throughput", "110000");
        assertEquals(CheckCommand.FAILED, failing.exitCode(), failing.toString());
        assertTrue(failing.out().contains("echo-peak/vt") && !failing.out().contains("echo-peak/nio"), failing.out());
    }

    @Test
    void absoluteBoundsOnALoadJsonFile() throws IOException {
        Path file = loadJson("run.json", 50_000, 2_500, 0);
        assertEquals(0, check(file, "--max-p99", "3ms", "--min-throughput", "40000", "--max-errors", "0").exitCode());
        Run run = check(file, "--max-p99", "2ms", "--min-throughput", "60000");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("echo/closed/vt: latency p99 2.50ms is above --max-p99 2.00ms"), run.out());
        assertTrue(run.out().contains("throughput 50,000.0/s is below --min-throughput 60,000.0/s"), run.out());
    }

    @Test
    void errorsAboveTheBoundFail() throws IOException {
        Run run = check(loadJson("errors.json", 50_000, 2_500, 3), "--max-errors", "0");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("3 errors, above --max-errors 0"), run.out());
    }

    @Test
    void aLoadJsonFileAgainstALoadJsonBaseline() throws IOException {
        Path base = loadJson("base.json", 50_000, 2_500, 0);
        assertEquals(0, check(base, "--baseline", base).exitCode());
        Path regressed = loadJson("regressed.json", 40_000, 2_500, 0);
        Run run = check(regressed, "--baseline", base, "--tolerance", "10");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("throughput 40,000.0/s is below the baseline's 50,000.0/s by 20.0%"), run.out());
    }

    @Test
    void badUsageAndUnreadableFilesExit2() throws IOException {
        Path base = summary("base.json", 1, 1);
        assertEquals(2, check(dir.resolve("missing.json"), "--max-errors", "0").exitCode());
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"hello\": 1}");
        assertEquals(2, check(garbage, "--max-errors", "0").exitCode());
        assertEquals(2, check(base).exitCode(), "no bound at all");
        assertEquals(2, check(base, "--tolerance", "5", "--max-errors", "0").exitCode(), "tolerance needs a baseline");
        assertEquals(2, check(base, "--baseline", base, "--tolerance", "ten").exitCode());
        Path load = loadJson("run.json", 50_000, 2_500, 0);
        assertEquals(2, check(base, "--baseline", load).exitCode(), "nothing in common with the baseline");
    }

    @Test
    void aCompareSummaryWithAFailedRoundCountsItAsAnError() throws IOException {
        CompareSummary summary = SummaryFixture.summary(1, 1);
        Path file = dir.resolve("summary.json");
        SummaryFile.write(file, summary);
        String json = Files.readString(file).replaceFirst("\"errors\" : 0", "\"errors\" : 1");
        Files.writeString(file, json);
        Run run = check(file, "--max-errors", "0");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("echo-peak/vt: 1 errors"), run.out());
    }
}
