package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.launch.BuiltInServer;
import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.round.RoundRunner;
import io.vtnio.compare.scenario.WarmupPlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundPlanTest {

    private static final long SECOND_NS = 1_000_000_000L;

    private static ScenarioVerdict verdict(String word) {
        return new ScenarioVerdict("echo-peak", "replies/s", "higher", "vt", "nio", 1.05, 0.9, 1.2, 0.95, 3, 10,
                word, word.equals("ahead") ? "nio" : null, word, word);
    }

    @Test
    void fixedRoundsRunExactlyThatManyWhateverTheVerdict() {
        RoundPlan plan = RoundPlan.fixed(3);
        assertTrue(plan.another(2, 2, List.of(verdict("inconclusive")), 0, 0));
        assertFalse(plan.another(3, 3, List.of(verdict("inconclusive")), 0, Long.MAX_VALUE));
        assertEquals("3", plan.describe(1));
    }

    @Test
    void autoRoundsRunTheMinimumThenMoreOnlyWhileUndecidedAndWithinTheScenariosShare() {
        RoundPlan plan = RoundPlan.auto(3, Duration.ofMinutes(5));
        assertTrue(plan.another(1, 1, List.of(verdict("even")), 100 * SECOND_NS, 10 * SECOND_NS), "the minimum runs");
        assertFalse(plan.another(3, 3, List.of(verdict("even"), verdict("ahead")), 10 * SECOND_NS, 60 * SECOND_NS),
                "decided: stop");
        assertTrue(plan.another(3, 3, List.of(verdict("even"), verdict("inconclusive")), 40 * SECOND_NS,
                60 * SECOND_NS), "one open verdict and time for a round");
        assertFalse(plan.another(3, 3, List.of(verdict("inconclusive")), 70 * SECOND_NS, 60 * SECOND_NS),
                "one more round would overrun the scenario's share");
        assertFalse(plan.another(RoundPlan.MOST_AUTO_ROUNDS, RoundPlan.MOST_AUTO_ROUNDS, List.of(verdict("inconclusive")), 0, Long.MAX_VALUE));
        assertEquals("3+", plan.describe(2));
        assertEquals("5+", plan.describe(5));
    }

    @Test
    void roundsLeftOutAreRunAgainWhileTheBudgetAllows() {
        RoundPlan auto = RoundPlan.auto(3, Duration.ofMinutes(5));
        assertTrue(auto.another(3, 2, List.of(verdict("ahead")), 10 * SECOND_NS, 60 * SECOND_NS),
                "a decided verdict on two counted pairs: run the round left out again");
        assertTrue(auto.another(3, 2, List.of(verdict("ahead")), 70 * SECOND_NS, 60 * SECOND_NS),
                "beyond the scenario's share too, while the whole budget holds it: a pair short decides nothing");
        assertTrue(auto.another(4, 2, List.of(verdict("ahead")), 90 * SECOND_NS, 60 * SECOND_NS),
                "a second one left out too");
        assertFalse(auto.another(5, 2, List.of(verdict("ahead")), 110 * SECOND_NS, 60 * SECOND_NS),
                "but a third left out means a busy machine: then the share stands");
        assertFalse(RoundPlan.auto(3, Duration.ofSeconds(10)).another(3, 2, List.of(verdict("ahead")),
                70 * SECOND_NS, 60 * SECOND_NS), "and never beyond the whole budget: 10 s left, 17.5 s a round");
        assertFalse(auto.another(RoundPlan.MOST_AUTO_ROUNDS, 0, List.of(verdict("inconclusive")), 0, Long.MAX_VALUE),
                "nor beyond the most rounds");
        RoundPlan fixed = RoundPlan.fixed(3);
        assertTrue(fixed.another(3, 2, List.of(verdict("even")), 0, 0), "a fixed plan reruns too");
        assertFalse(fixed.another(6, 5, List.of(verdict("even")), 0, 0), "up to as many rounds again");
        assertFalse(RoundPlan.fixed(1).another(1, 0, List.of(verdict("inconclusive")), 0, 0),
                "one round decides nothing: --quick is not rerun");
    }

    @Test
    void aScenarioIsDecidedByEitherWitnessUnlessTheyDisagree() {
        assertFalse(plan(verdict("inconclusive")), "open: another round");
        ScenarioVerdict decidedByCpu = new ScenarioVerdict("echo-peak", "replies/s", "higher", "vt", "nio", 1.05, 0.9,
                1.2, 0.95, 3, 10, "inconclusive", null, "inconclusive", "inconclusive", List.of(), verdict("ahead"), null,
                "nio ahead");
        assertTrue(plan(decidedByCpu), "the CPU witness decided: no more rounds");
        ScenarioVerdict disagreeing = new ScenarioVerdict("echo-peak", "replies/s", "higher", "vt", "nio", 1.05, 0.9,
                1.2, 0.95, 3, 10, "ahead", "vt", "vt ahead", "vt ahead", List.of(), verdict("ahead"), null,
                ScenarioVerdict.DISAGREE);
        assertFalse(plan(disagreeing), "witnesses that disagree leave it open");
    }

    /** Whether an auto plan with time to spare stops after three counted rounds with this verdict. */
    private static boolean plan(ScenarioVerdict verdict) {
        return !RoundPlan.auto(3, Duration.ofMinutes(5)).another(3, 3, List.of(verdict), SECOND_NS, 60 * SECOND_NS);
    }

    @Test
    void theSecondPassRunsARoundOnlyWhereTheBudgetLeftHoldsIt() {
        RoundPlan auto = RoundPlan.auto(3, Duration.ofMinutes(5));
        assertTrue(auto.affords(3, 10 * SECOND_NS));
        assertFalse(auto.affords(3, 400 * SECOND_NS), "more than the whole budget left");
        assertFalse(auto.affords(RoundPlan.MOST_AUTO_ROUNDS, SECOND_NS), "at the most rounds");
        assertFalse(RoundPlan.fixed(3).affords(3, 0), "a fixed count has no second pass");
    }

    @Test
    void autoRoundsStopWhenTheWholeBudgetIsSpent() {
        RoundPlan plan = RoundPlan.auto(2, Duration.ZERO);
        assertFalse(plan.another(2, 2, List.of(verdict("inconclusive")), SECOND_NS, Long.MAX_VALUE));
    }

    @Test
    void roundsAlternateTheirOrderSoThatDriftCancels() {
        List<Contestant> three = List.of(Contestant.builtIn(BuiltInServer.named("vt")),
                Contestant.builtIn(BuiltInServer.named("nio")), Contestant.parse("go=go-echo --port {port}"));
        assertEquals(List.of("vt", "nio", "go"), RoundRunner.order(three, 1).stream().map(Contestant::name).toList());
        assertEquals(List.of("go", "nio", "vt"), RoundRunner.order(three, 2).stream().map(Contestant::name).toList());
        assertEquals(List.of("vt", "nio", "go"), RoundRunner.order(three, 3).stream().map(Contestant::name).toList());
    }

    @Test
    void warmupFlagsForTheGenerator() {
        assertEquals(List.of("--warmup", "auto", "--warmup-max", "15s", "--server-stats", "/tmp/s.log"),
                WarmupPlan.auto(Duration.ofSeconds(15)).loadArgs(java.nio.file.Path.of("/tmp/s.log")));
        assertEquals(List.of("--warmup", "auto", "--warmup-max", "15s"),
                WarmupPlan.auto(Duration.ofSeconds(15)).loadArgs(null));
        assertEquals(List.of("--warmup", "2s"), WarmupPlan.fixed(Duration.ofSeconds(2)).loadArgs(null));
        assertEquals("auto (at most 15s)", WarmupPlan.auto(Duration.ofSeconds(15)).describe());
    }
}
