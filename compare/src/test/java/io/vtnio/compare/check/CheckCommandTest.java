package io.vtnio.compare.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.SummaryFixture;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.SummaryFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run check(Object... args) {
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

    /**
     * A compare summary.json of one result with the given rounds, written by hand so that it
     * also carries fields check does not know (which it must ignore). {@code failedRounds}
     * rounds with no result are added after the measured ones.
     */
    private Path rounds(String name, Double targetRate, double[] throughputs, long[] p99s, int failedRounds)
            throws IOException {
        StringBuilder rounds = new StringBuilder();
        for (int i = 0; i < throughputs.length; i++) {
            rounds.append(String.format(Locale.ROOT, """
                    {"round":%d,"failure":null,"requests":1000,"throughputPerSec":%.1f,"addedLater":"x",
                     "latencyMicros":{"p50":100,"p90":200,"p99":%d,"p999":%d,"max":%d,"mean":120.0}},
                    """, i + 1, throughputs[i], p99s[i], p99s[i] * 2, p99s[i] * 3));
        }
        for (int i = 0; i < failedRounds; i++) {
            rounds.append(String.format(Locale.ROOT, """
                    {"round":%d,"failure":"server did not start","throughputPerSec":0.0,"latencyMicros":null},
                    """, throughputs.length + i + 1));
        }
        rounds.setLength(rounds.lastIndexOf(","));
        Path file = dir.resolve(name);
        Files.writeString(file, String.format(Locale.ROOT, """
                {"tool":"vtnio","kind":"compare","rounds":%d,"someNewSection":{"a":1},
                 "results":[{"scenario":"%s","server":"nio","mode":"echo","errors":%d,"throughputPerSec":%.1f,
                  "targetRatePerSec":%s,
                  "latencyMicros":{"p50":100,"p90":200,"p99":%d,"p999":900,"max":1000,"mean":120.0},
                  "aNewFigure":42,"rounds":[%s]}]}
                """, throughputs.length + failedRounds, targetRate == null ? "echo-peak" : "echo-latency",
                failedRounds, median(throughputs), targetRate == null ? "null" : targetRate.toString(),
                Math.round(median(Arrays.stream(p99s).asDoubleStream().toArray())), rounds));
        return file;
    }

    private Path rounds(String name, double[] throughputs, long[] p99s) throws IOException {
        return rounds(name, null, throughputs, p99s, 0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double[] figures(double... values) {
        return values;
    }

    private static long[] p99s(long... values) {
        return values;
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
        assertTrue(run.out().contains("fix the rate with compare --echo-rate"), run.out());
    }

    @Test
    void helpShowsHowToMakeTheBaselineItsExamplesUse() {
        Run run = check("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("cp results/base/summary.json baseline.json"), run.out());
        assertTrue(run.out().contains("--json baseline.json   # once"), run.out());
        assertTrue(!run.out().contains("perf/baseline"), "no file that exists nowhere: " + run.out());
    }

    @Test
    void theRateNoteNamesWhatGovernsEachScenariosRate() {
        String idle = Bounds.howToFixTheRate("idle");
        assertTrue(idle.contains("--idle-connections") && idle.contains("--duration"), idle);
        assertTrue(!idle.contains("--echo-rate"), "--echo-rate does not govern idle: " + idle);
        assertTrue(Bounds.howToFixTheRate("echo-latency").contains("--echo-rate"));
        assertTrue(Bounds.howToFixTheRate("echo/open").contains("--rate"), "a load --json result");
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

    // The rounds below: five baseline rounds and three current ones, as compare --rounds would
    // write them; p99 unchanged unless the test is about p99.

    @Test
    void aClearRegressionWithTightRoundsFailsWithItsInterval() throws IOException {
        Path base = rounds("base.json", figures(100_000, 101_000, 99_000, 100_500, 99_500),
                p99s(500, 505, 495, 500, 500));
        Path worse = rounds("worse.json", figures(78_000, 78_500, 77_500), p99s(500, 505, 495));
        Run run = check(worse, "--baseline", base);
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo-peak/nio: throughput 0.78x of the baseline [0.7"), run.out());
        assertTrue(run.out().contains("x], below the 10% tolerance with 95% confidence"), run.out());
        assertTrue(run.out().contains("check: 1 of 2 bounds failed"), run.out());
        assertFalse(run.out().contains("note:"), "rounds on both sides give an interval, no fallback: " + run.out());
    }

    @Test
    void aSmallDropWithinTheNoiseIsInconclusiveAndPassesUnlessStrict() throws IOException {
        Path base = rounds("base.json", figures(100_000, 110_000, 90_000, 105_000, 95_000),
                p99s(500, 500, 500, 500, 500));
        Path noisy = rounds("noisy.json", figures(95_000, 85_000, 100_000), p99s(500, 500, 500));
        Run run = check(noisy, "--baseline", base, "--tolerance", "10");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("(?s).*INCONCLUSIVE echo-peak/nio: throughput 0\\.9\\dx of the baseline "
                + "\\[0\\.\\d\\d-1\\.\\d\\dx], inconclusive \\(noise \\+/-\\d+%\\)\n.*"), run.out());
        assertFalse(run.out().contains("FAIL"), run.out());
        assertTrue(run.out().contains("check: 1 of 2 bounds held and 1 was inconclusive, which pass without --strict"),
                run.out());

        Run strict = check(noisy, "--baseline", base, "--tolerance", "10", "--strict");
        assertEquals(CheckCommand.FAILED, strict.exitCode(), strict.toString());
        assertTrue(strict.out().contains("INCONCLUSIVE echo-peak/nio: throughput"), strict.out());
        assertTrue(strict.out().contains("check: 1 of 2 bounds failed, 1 of them inconclusive under --strict"),
                strict.out());
    }

    @Test
    void aChangeWhoseWholeIntervalIsWithinToleranceHoldsSilently() throws IOException {
        Path base = rounds("base.json", figures(100_000, 101_000, 99_000), p99s(500, 510, 490));
        Path close = rounds("close.json", figures(98_000, 99_000, 97_000), p99s(520, 525, 515));
        Run run = check(close, "--baseline", base, "--tolerance", "10", "--strict");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("check: all 2 bounds held (1 result in " + close + ")\n", run.out());
        assertEquals("check: the one bound held (1 result in " + close + ")\n",
                check(close, "--max-errors", "0").out());
    }

    @Test
    void aFileAgainstItselfHoldsEvenUnderStrict() throws IOException {
        Path file = rounds("same.json", figures(100_000, 98_000, 102_000), p99s(500, 490, 510));
        Run run = check(file, "--baseline", file, "--strict");
        assertEquals(0, run.exitCode(), "an A/A comparison must pass: " + run);
    }

    @Test
    void aFileAgainstItselfIsInconclusiveWhenItsNoiseIsWiderThanTheTolerance() throws IOException {
        Path file = rounds("same.json", figures(100_000, 80_000, 120_000), p99s(400, 700, 500));
        Run run = check(file, "--baseline", file, "--tolerance", "5");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("INCONCLUSIVE echo-peak/nio: throughput 1.00x of the baseline"), run.out());
        assertEquals(CheckCommand.FAILED, check(file, "--baseline", file, "--tolerance", "5", "--strict").exitCode());
    }

    @Test
    void aP99RiseBeyondToleranceWithConfidenceFails() throws IOException {
        Path base = rounds("base.json", figures(100_000, 100_000, 100_000), p99s(1_000, 1_020, 980));
        Path slower = rounds("slower.json", figures(100_000, 100_000, 100_000), p99s(1_500, 1_480, 1_520));
        Run run = check(slower, "--baseline", base, "--tolerance", "10");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo-peak/nio: latency p99 1.50x of the baseline [1."), run.out());
        assertTrue(run.out().contains("x], above the 10% tolerance with 95% confidence"), run.out());
        assertFalse(run.out().contains("throughput"), "throughput held: " + run.out());
    }

    @Test
    void aNoisyP99RiseIsInconclusive() throws IOException {
        Path base = rounds("base.json", figures(100_000, 100_000, 100_000), p99s(1_000, 1_300, 800));
        Path slower = rounds("slower.json", figures(100_000, 100_000, 100_000), p99s(1_200, 1_500, 1_000));
        Run run = check(slower, "--baseline", base);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("INCONCLUSIVE echo-peak/nio: latency p99 1.20x of the baseline"), run.out());
    }

    @Test
    void openLoopRoundsAreHeldToTheShareOfTheirTargetRateAchieved() throws IOException {
        Path base = rounds("base.json", 50_000.0, figures(50_000, 49_900, 50_000), p99s(500, 500, 500), 0);
        // The other run's rate was a fifth lower and it kept up with it: no regression.
        Path slowerRate = rounds("rate.json", 40_000.0, figures(40_000, 39_950, 40_000), p99s(500, 500, 500), 0);
        assertEquals(0, check(slowerRate, "--baseline", base).exitCode());
        Path behind = rounds("behind.json", 50_000.0, figures(40_000, 40_100, 39_900), p99s(500, 500, 500), 0);
        Run run = check(behind, "--baseline", base);
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo-latency/nio: achieved share of the target rate 0.80x of the baseline"),
                run.out());
    }

    @Test
    void failedRoundsAreLeftOutOfTheInterval() throws IOException {
        Path base = rounds("base.json", figures(100_000, 101_000, 99_000), p99s(500, 505, 495));
        Path current = rounds("current.json", null, figures(100_500, 99_500), p99s(500, 500), 1);
        Run run = check(current, "--baseline", base);
        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(run.out().contains("note:"), "two measured rounds give an interval: " + run.out());
        Run errors = check(current, "--baseline", base, "--max-errors", "0");
        assertEquals(CheckCommand.FAILED, errors.exitCode(), "the failed round is still an error: " + errors);
    }

    @Test
    void aBaselineWithOneRoundFallsBackToPlainBoundsWithANote() throws IOException {
        Path base = rounds("base.json", figures(100_000), p99s(500));
        Path worse = rounds("worse.json", figures(78_000, 78_500, 77_500), p99s(500, 505, 495));
        Run run = check(worse, "--baseline", base, "--strict");
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("note: echo-peak/nio: single round(s), no interval: plain bounds\n"), run.out());
        assertTrue(run.out().contains("FAIL echo-peak/nio: throughput 78,000.0/s is below the baseline's 100,000.0/s "
                + "by 22.0% (tolerance 10%)"), run.out());
        assertEquals(1, run.out().split("note:", -1).length - 1, "said once: " + run.out());
    }

    @Test
    void aSummaryWithoutRoundsIsASingleResult() throws IOException {
        Path base = rounds("base.json", figures(100_000, 101_000, 99_000), p99s(500, 505, 495));
        Path old = dir.resolve("old.json");
        Files.writeString(old, Files.readString(base).replaceAll("(?s),\"rounds\":\\[.*]}]}", "}]}"));
        assertFalse(Files.readString(old).contains("\"round\""), Files.readString(old));
        Run run = check(old, "--baseline", base);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("note: echo-peak/nio: single round(s), no interval: plain bounds"), run.out());
    }

    @Test
    void loadJsonFilesKeepPlainBoundsWithANote() throws IOException {
        Path base = loadJson("base.json", 50_000, 2_500, 0);
        Path close = loadJson("close.json", 46_000, 2_700, 0);
        Run held = check(close, "--baseline", base, "--strict");
        assertEquals(0, held.exitCode(), held.toString());
        assertTrue(held.out().contains("note: echo/closed/vt: single round(s), no interval: plain bounds"), held.out());
        assertTrue(held.out().contains("check: all 2 bounds held"), held.out());
        Path slower = loadJson("slower.json", 50_000, 3_000, 0);
        Run run = check(slower, "--baseline", base);
        assertEquals(CheckCommand.FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAIL echo/closed/vt: latency p99 3.00ms is above the baseline's 2.50ms by 20.0% "
                + "(tolerance 10%)"), run.out());
        assertFalse(run.out().contains("INCONCLUSIVE"), run.out());
    }

    @Test
    void strictWithoutABaselineIsBadUsage() throws IOException {
        Path file = loadJson("run.json", 50_000, 2_500, 0);
        Run run = check(file, "--max-errors", "0", "--strict");
        assertEquals(CheckCommand.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--strict applies to --baseline"), run.err());
    }
}
