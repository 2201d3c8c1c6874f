package io.vtnio.compare.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundCheck;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedVerdictsTest {

    private static final ScenarioInfo PEAK = new ScenarioInfo("echo-peak", "echo, peak throughput", "closed loop",
            "--mode echo", "--connections 100", "reply");
    private static final ScenarioInfo BACKEND = new ScenarioInfo("backend", "slow backend", "closed loop",
            "--mode echo --work sleep:5ms", "--connections 2000", "reply");
    private static final RoundCheck SATURATED = new RoundCheck(2.0, 94.0, 80.0, 1.0, 1.0, null, false, true);
    private static final RoundCheck GENERATOR_BOUND = new RoundCheck(2.0, 70.0, 97.0, 1.0, 1.0,
            "generator-bound: server 70% busy, generator 97%", true, false);
    private static final RoundCheck BUSY_MACHINE = new RoundCheck(2.0, 40.0, 60.0, 30.0, 1.0,
            "machine busy: other processes took 30% of the server's CPUs", false, false);
    private static final RoundCheck IDLE_SERVER = new RoundCheck(2.0, 11.0, 13.0, 1.0, 1.0, null, false, false);

    /** One round: its throughput, server CPU per request and check. */
    private record Round(double throughput, double cpuMicros, RoundCheck check) {
    }

    private static ResultEntry entry(ScenarioInfo scenario, String server, Round... rounds) {
        List<RoundResult> results = new ArrayList<>();
        for (int i = 0; i < rounds.length; i++) {
            Round round = rounds[i];
            ProcessFigures process = new ProcessFigures(1.0, round.cpuMicros(), null, null, null, null, null, null,
                    null, null, null);
            LoadFigures figures = new LoadFigures("vtnio", "test", "echo", "closed", server, 100, 2.0,
                    Math.round(round.throughput() * 2), 0, round.throughput(), null, LatencyFigures.ZERO, LatencyFigures.ZERO);
            results.add(new RoundResult(i + 1, null, figures, process, null, null, null, null, null, null, 3.0, true,
                    round.check()));
        }
        return new ResultEntry(scenario.name(), new LoadFigures("vtnio", "test", "echo", "closed", server, 100, 2.0,
                0, 0, rounds[0].throughput(), null, LatencyFigures.ZERO, LatencyFigures.ZERO), ProcessFigures.NONE,
                results);
    }

    @Test
    void aPeakRoundWhoseServerWasNotSaturatedDropsItsPairFromTheThroughputVerdictOnly() {
        ResultEntry vt = entry(PEAK, "vt", new Round(60_000, 15, SATURATED), new Round(61_000, 15, SATURATED),
                new Round(62_000, 15, SATURATED), new Round(60_500, 15, SATURATED));
        ResultEntry nio = entry(PEAK, "nio", new Round(100_000, 9.5, SATURATED), new Round(65_000, 14.5, GENERATOR_BOUND),
                new Round(101_000, 9.4, SATURATED), new Round(99_000, 9.6, SATURATED));
        ScenarioVerdict verdict = PairedVerdicts.of(PEAK, vt, nio, 10);
        assertEquals(3, verdict.pairs(), "the generator-bound pair is left out of replies/s");
        assertEquals("nio ahead", verdict.answer());
        assertEquals(List.of("nio round 2: generator-bound: server 70% busy, generator 97%"), verdict.leftOut());
        assertEquals(4, verdict.efficiency().pairs(), "its CPU per reply counts: the loads were comparable");
    }

    @Test
    void aRoundOnABusyMachineIsLeftOutOfBothWitnesses() {
        ResultEntry vt = entry(PEAK, "vt", new Round(60_000, 15, SATURATED), new Round(61_000, 15, BUSY_MACHINE),
                new Round(62_000, 15, SATURATED), new Round(60_500, 15, SATURATED));
        ResultEntry nio = entry(PEAK, "nio", new Round(100_000, 9.5, SATURATED), new Round(6_000, 90, SATURATED),
                new Round(101_000, 9.4, SATURATED), new Round(99_000, 9.6, SATURATED));
        ScenarioVerdict verdict = PairedVerdicts.of(PEAK, vt, nio, 10);
        assertEquals(3, verdict.pairs());
        assertEquals(3, verdict.efficiency().pairs());
        assertTrue(verdict.line().startsWith("nio ahead, 1.64x higher replies/s"), verdict.line());
    }

    @Test
    void cpuPerRequestIsNotWeighedWhenTheServersCarriedDifferentLoads() {
        ResultEntry vt = entry(BACKEND, "vt", new Round(23_000, 45, SATURATED), new Round(23_500, 44, SATURATED),
                new Round(22_800, 46, SATURATED));
        ResultEntry nio = entry(BACKEND, "nio", new Round(3_050, 30, IDLE_SERVER), new Round(3_060, 29, IDLE_SERVER),
                new Round(3_040, 31, IDLE_SERVER));
        ScenarioVerdict verdict = PairedVerdicts.of(BACKEND, vt, nio, 10);
        assertEquals("vt ahead", verdict.answer(), "the lower CPU per reply of a server doing an eighth of the work "
                + "does not contradict the throughput");
        assertEquals(0, verdict.efficiency().pairs());
        assertTrue(verdict.efficiency().line().startsWith("not weighed: server CPU/reply compares servers only at "
                + "comparable loads"), verdict.efficiency().line());
        assertTrue(verdict.efficiency().line().endsWith("(nio/vt 0.13x replies/s)"), verdict.efficiency().line());
    }

    @Test
    void witnessesThatNameDifferentLeadersLeaveTheScenarioUndecided() {
        ResultEntry vt = entry(PEAK, "vt", new Round(60_000, 10, SATURATED), new Round(61_000, 10, SATURATED),
                new Round(62_000, 10, SATURATED));
        ResultEntry nio = entry(PEAK, "nio", new Round(80_000, 14, SATURATED), new Round(81_000, 14, SATURATED),
                new Round(82_000, 14, SATURATED));
        ScenarioVerdict verdict = PairedVerdicts.of(PEAK, vt, nio, 10);
        assertEquals(ScenarioVerdict.DISAGREE, verdict.decision());
        assertEquals(List.of("the witnesses disagree: replies/s says nio ahead, server CPU/reply says vt ahead; the "
                + "scenario stays undecided"), VerdictLines.disagreements(List.of(verdict)));
    }

    @Test
    void evenOnOneWitnessAndAheadOnTheOtherDecidesForTheLeader() {
        ScenarioVerdict even = new ScenarioVerdict("echo-latency", "latency p50", "lower", "vt", "nio", 1.0, 0.95,
                1.05, 0.95, 5, 10, "even", null, "even", "even");
        ScenarioVerdict ahead = new ScenarioVerdict("echo-latency", "server CPU/reply", "lower", "vt", "nio", 0.7,
                0.65, 0.75, 0.95, 5, 10, "ahead", "nio", "nio ahead", "nio ahead");
        ScenarioVerdict open = new ScenarioVerdict("echo-latency", "server CPU/reply", "lower", "vt", "nio", 0.9,
                0.6, 1.3, 0.95, 5, 10, "inconclusive", null, "inconclusive", "inconclusive");
        assertEquals("nio ahead", PairedVerdicts.decision(even, ahead));
        assertEquals("even", PairedVerdicts.decision(even, open));
        assertEquals("inconclusive", PairedVerdicts.decision(open, open));
        assertEquals("inconclusive", PairedVerdicts.decision(open, null));
        assertNull(even.decision());
    }
}
