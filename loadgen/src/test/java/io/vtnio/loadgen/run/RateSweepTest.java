package io.vtnio.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.result.Capacity;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.SweepStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The decisions of a sweep, against servers simulated as a function from offered rate to what a
 * step measured: which steps run, when the planned ones stop early, how the bisection narrows the
 * capacity, and what the capacity says.
 */
class RateSweepTest {

    private static final LatencyObjective P99_5MS = LatencyObjective.parse("p99=5ms");

    /** A server whose p99 is 1 ms up to {@code capacity}, then 50 ms; it holds every rate it is offered. */
    private static DoubleFunction<long[]> kneeAt(double capacity) {
        return rate -> rate <= capacity ? new long[] {1_000, 0} : new long[] {50_000, 0};
    }

    /** Runs the sweep to its end; each step achieves {@code achievedShare} of its rate. */
    private static List<SweepStep> run(RateSweep sweep, DoubleFunction<long[]> p99AndErrors,
                                       DoubleFunction<Double> achievedShare) {
        List<SweepStep> steps = new ArrayList<>();
        Optional<RateSweep.Next> next = Optional.of(sweep.first());
        while (next.isPresent()) {
            double rate = next.get().ratePerSec();
            long[] measured = p99AndErrors.apply(rate);
            double achieved = rate * achievedShare.apply(rate);
            boolean held = achieved >= rate * 0.99 && measured[1] == 0;
            SweepStep step = new SweepStep(steps.size() + 1, rate, achieved, (long) achieved, measured[1], 1.0, 1.0,
                    null, next.get().refinement(), new LatencyFigures(100, 200, measured[0], measured[0], measured[0], 150),
                    LatencyFigures.ZERO, null, measured[0], sweep.meets(held, measured[0]));
            steps.add(step);
            next = sweep.next(step);
            assertTrue(steps.size() < 50, "a sweep ends");
        }
        return steps;
    }

    private static List<Double> offered(List<SweepStep> steps) {
        return steps.stream().map(SweepStep::offeredPerSec).toList();
    }

    @Test
    void withoutAnObjectiveEveryPlannedRateRunsInOrderAndThereIsNoCapacity() {
        RateSweep sweep = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0, 4000.0), Duration.ofSeconds(1), null, 3));
        List<SweepStep> steps = run(sweep, kneeAt(2500), rate -> 1.0);
        assertEquals(List.of(1000.0, 2000.0, 4000.0), offered(steps), "50 ms is no reason to stop at --stop-above 1s");
        assertNull(sweep.capacity());
        assertNull(sweep.stopReason());
    }

    @Test
    void aStepThatAchievesLessThanNinetyPercentOfItsRateEndsThePlannedSteps() {
        RateSweep sweep = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0, 3000.0, 4000.0), Duration.ofSeconds(1),
                null, 3));
        List<SweepStep> steps = run(sweep, kneeAt(1e9), rate -> rate >= 2000 ? 0.85 : 1.0);
        assertEquals(List.of(1000.0, 2000.0), offered(steps));
        assertEquals("step 2 achieved 1,700/s of 2,000/s offered (less than 90%)", sweep.stopReason());
    }

    @Test
    void aStepWhoseP99PassesStopAboveEndsThePlannedSteps() {
        RateSweep sweep = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0, 3000.0), Duration.ofMillis(20), null, 3));
        List<SweepStep> steps = run(sweep, kneeAt(1500), rate -> 1.0);
        assertEquals(List.of(1000.0, 2000.0), offered(steps));
        assertEquals("step 2's p99 (50.00ms) passed --stop-above 20ms", sweep.stopReason());
    }

    @Test
    void afterThePlannedStepsTheBisectionNarrowsBetweenTheHighestThatMetAndTheLowestAboveThatFailed() {
        RateSweep sweep = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0, 3000.0, 4000.0), Duration.ofSeconds(1),
                P99_5MS, 3));
        List<SweepStep> steps = run(sweep, kneeAt(2600), rate -> 1.0);
        assertEquals(List.of(1000.0, 2000.0, 3000.0, 4000.0, 2500.0, 2750.0, 2625.0), offered(steps),
                "the planned steps, then three bisections between 2000 and 3000");
        assertEquals(List.of(false, false, false, false, true, true, true),
                steps.stream().map(SweepStep::refinement).toList());
        Capacity capacity = sweep.capacity();
        assertEquals(2500.0, capacity.perSec());
        assertEquals(2625.0, capacity.firstFailingPerSec());
        assertEquals("p99=5ms", capacity.objective());
        assertEquals("2,500/s met p99=5ms, 2,625/s did not", capacity.note());
    }

    @Test
    void aFailingStepBelowAHigherOneThatMetDoesNotLowerTheCapacityButIsNamed() {
        RateSweep sweep = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0, 4000.0), Duration.ofSeconds(1),
                P99_5MS, 1));
        // A cold first step: 1000/s missed, 2000/s met, 4000/s past the knee.
        List<SweepStep> steps = run(sweep, rate -> rate == 1000 || rate > 2500 ? new long[] {50_000, 0}
                : new long[] {1_000, 0}, rate -> 1.0);
        assertEquals(List.of(1000.0, 2000.0, 4000.0, 3000.0), offered(steps));
        Capacity capacity = sweep.capacity();
        assertEquals(2000.0, capacity.perSec());
        assertEquals(3000.0, capacity.firstFailingPerSec());
        assertEquals("2,000/s met p99=5ms, 3,000/s did not; below it 1,000/s did not (a cold or noisy step)",
                capacity.note());
    }

    @Test
    void aStepWithErrorsOrShortOfItsRateByMoreThanOnePercentDoesNotMeetTheObjective() {
        RateSweep errors = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0), Duration.ofSeconds(1), P99_5MS, 0));
        run(errors, rate -> rate >= 2000 ? new long[] {1_000, 3} : new long[] {1_000, 0}, rate -> 1.0);
        assertEquals(1000.0, errors.capacity().perSec(), "2,000/s had errors");

        RateSweep short1 = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0), Duration.ofSeconds(1), P99_5MS, 0));
        run(short1, kneeAt(1e9), rate -> rate >= 2000 ? 0.985 : 1.0);
        assertEquals(1000.0, short1.capacity().perSec(), "2,000/s achieved 1.5% less");
    }

    @Test
    void theCapacityIsAtLeastTheTopWhenEveryStepMetAndNoneWhenTheFirstFailed() {
        RateSweep all = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0), Duration.ofSeconds(1), P99_5MS, 3));
        assertEquals(List.of(1000.0, 2000.0), offered(run(all, kneeAt(1e9), rate -> 1.0)));
        assertEquals(2000.0, all.capacity().perSec());
        assertNull(all.capacity().firstFailingPerSec(), "nothing failed: at least the top");

        RateSweep none = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0), Duration.ofSeconds(1), P99_5MS, 3));
        assertEquals(List.of(1000.0, 2000.0), offered(run(none, kneeAt(500), rate -> 1.0)),
                "no bisection without a step that met the objective");
        assertEquals("no step met p99=5ms: the capacity lies below 1,000/s", none.capacity().note());
        assertNull(none.capacity().perSec());
        assertEquals(1000.0, none.capacity().firstFailingPerSec());
    }

    @Test
    void bisectionStopsAtTheRefineBoundOrOnceTheBracketIsNarrowerThanOnePercent() {
        RateSweep none = new RateSweep(new SweepPlan(List.of(1000.0, 2000.0), Duration.ofSeconds(1), P99_5MS, 0));
        assertEquals(List.of(1000.0, 2000.0), offered(run(none, kneeAt(1500), rate -> 1.0)), "--refine 0");

        RateSweep narrow = new RateSweep(new SweepPlan(List.of(1000.0, 1005.0), Duration.ofSeconds(1), P99_5MS, 5));
        assertEquals(List.of(1000.0, 1005.0), offered(run(narrow, kneeAt(1002), rate -> 1.0)),
                "a 0.5% bracket is not split");
    }

    @Test
    void aPlanRejectsRatesThatDoNotRiseAndParsesItsForms() {
        assertThrows(IllegalArgumentException.class,
                () -> new SweepPlan(List.of(2000.0, 1000.0), Duration.ofSeconds(1), null, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new SweepPlan(List.of(0.0, 1000.0), Duration.ofSeconds(1), null, 3));
        assertEquals(List.of(5000.0, 10000.0, 20000.0), SweepPlan.parseRates("5000, 10_000,20000"));
        assertEquals(List.of(1000.0, 2000.0, 3000.0, 4000.0), SweepPlan.parseRange("1000:4000:4"));
        assertEquals(List.of(1000.0, 2000.0, 4000.0, 8000.0), SweepPlan.parseRange("1000:8000:4:geometric"));
        for (String bad : List.of("1000:4000", "4000:1000:3", "1000:4000:1", "0:4000:3:geo", "1000:4000:3:cubic",
                "a:b:3")) {
            assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseRange(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseRates("1000,fast"));
    }

    @Test
    void anObjectiveTakesAnyPercentileAndComparesAtItsBound() {
        LatencyObjective p999 = LatencyObjective.parse("p99.9=20ms");
        assertEquals(99.9, p999.percentile());
        assertTrue(p999.metBy(20_000));
        assertFalse(p999.metBy(20_001));
        assertEquals(100.0, LatencyObjective.parse("max=1s").percentile());
        assertEquals("p50=500us", LatencyObjective.parse("P50=500us").text());
        for (String bad : List.of("p99", "q99=5ms", "p0=5ms", "p101=5ms", "p99=0ms", "p99=soon")) {
            assertThrows(IllegalArgumentException.class, () -> LatencyObjective.parse(bad), bad);
        }
    }
}
