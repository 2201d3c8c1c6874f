package io.vtnio.loadgen.run;

import io.vtnio.core.HumanDuration;
import io.vtnio.loadgen.result.Capacity;
import io.vtnio.loadgen.text.SummaryTable;
import io.vtnio.loadgen.result.SweepStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The decisions of a sweep of offered load, step by step: which rate comes next, when the planned
 * steps stop early, and, with a latency objective, the capacity and the bisection that refines it.
 *
 * <ul>
 *   <li><b>Early stop.</b> After a planned step that achieved less than {@value #MISSED_BADLY_PCT}%
 *       of its offered rate, or whose p99 passed {@code --stop-above}, the planned steps end: higher
 *       rates could only fail, and slowly.</li>
 *   <li><b>Capacity.</b> A step meets the objective when its achieved rate is within
 *       {@value #HELD_PCT}% of the offered one, it had no errors, and its latency at the objective's
 *       percentile is within the bound. The capacity is the highest rate that met it. Once the
 *       planned steps are over, up to {@code --refine} steps bisect between that rate and the lowest
 *       rate above it that failed. A step below the capacity that failed (a cold first step, a
 *       noisy second) does not lower it, but the capacity's note names it.</li>
 * </ul>
 *
 * <pre>{@code
 * RateSweep sweep = new RateSweep(plan);
 * Optional<RateSweep.Next> next = Optional.of(sweep.first());
 * while (next.isPresent()) { SweepStep step = measure(next.get()); next = sweep.next(step); }
 * Capacity capacity = sweep.capacity();
 * }</pre>
 *
 * <p>Threading: the run's reporter thread only.
 */
public final class RateSweep {

    /** Below this share of its offered rate a step missed it badly. */
    static final double MISSED_BADLY_PCT = 90;
    /** A step held its rate when it achieved it to within this share. */
    static final double HELD_PCT = 1;
    /** Bisection stops once the bracket is narrower than this share of its lower end. */
    private static final double FINEST_BRACKET = 0.01;

    /** The rate of the next step and whether it bisects the capacity. */
    public record Next(double ratePerSec, boolean refinement) {
    }

    private final SweepPlan plan;
    private final List<SweepStep> steps = new ArrayList<>();
    private int nextPlanned = 1;
    private int refinements;
    private String stopReason;

    public RateSweep(SweepPlan plan) {
        this.plan = plan;
    }

    public Next first() {
        return new Next(plan.firstRatePerSec(), false);
    }

    /** Planned steps, for the progress line (refinements come on top). */
    public int plannedSteps() {
        return plan.ratesPerSec().size();
    }

    /**
     * Whether a step meets the objective (null without one): it held its rate with no errors
     * ({@code heldAndClean}) and its latency at the objective's percentile is within the bound.
     */
    public Boolean meets(boolean heldAndClean, long objectiveMicros) {
        return plan.objective() == null ? null : heldAndClean && plan.objective().metBy(objectiveMicros);
    }

    /** Records the step just measured; returns the next step, or empty when the sweep is over. */
    public Optional<Next> next(SweepStep step) {
        steps.add(step);
        boolean plannedLeft = nextPlanned < plan.ratesPerSec().size();
        if (!step.refinement() && stopReason == null && plannedLeft) {
            stopReason = stopRule(step);
        }
        if (stopReason == null && plannedLeft) {
            return Optional.of(new Next(plan.ratesPerSec().get(nextPlanned++), false));
        }
        Double met = highestMet();
        Double failed = lowestFailedAbove(met);
        if (plan.objective() != null && refinements < plan.refineSteps() && met != null && failed != null
                && (failed - met) / met > FINEST_BRACKET) {
            double middle = Math.round((met + failed) / 2);
            if (middle > met && middle < failed) {
                refinements++;
                return Optional.of(new Next(middle, true));
            }
        }
        return Optional.empty();
    }

    /** The highest rate that met the objective, or null. */
    private Double highestMet() {
        return steps.stream().filter(s -> Boolean.TRUE.equals(s.meetsObjective())).map(SweepStep::offeredPerSec)
                .max(Double::compare).orElse(null);
    }

    /** The lowest rate above {@code met} (above 0 when null) that failed the objective, or null. */
    private Double lowestFailedAbove(Double met) {
        double floor = met == null ? 0 : met;
        return steps.stream().filter(s -> Boolean.FALSE.equals(s.meetsObjective()))
                .map(SweepStep::offeredPerSec).filter(rate -> rate > floor).min(Double::compare).orElse(null);
    }

    /** Why no planned step should follow {@code step}, or null. */
    private String stopRule(SweepStep step) {
        if (!step.achievedWithin(100 - MISSED_BADLY_PCT)) {
            return String.format(Locale.ROOT, "step %d achieved %s/s of %s/s offered (less than %.0f%%)", step.step(),
                    SweepPlan.format(Math.round(step.achievedPerSec())), SweepPlan.format(step.offeredPerSec()),
                    MISSED_BADLY_PCT);
        }
        long p99Micros = step.latencyMicros().p99();
        if (p99Micros * 1_000L > plan.stopAbove().toNanos()) {
            return "step " + step.step() + "'s p99 (" + SummaryTable.micros(p99Micros) + ") passed --stop-above "
                    + HumanDuration.format(plan.stopAbove());
        }
        return null;
    }

    /** Why the planned steps ended early, or null when they all ran. */
    public String stopReason() {
        return stopReason;
    }

    /** The capacity at the objective, or null without one (or before any step). */
    public Capacity capacity() {
        if (plan.objective() == null || steps.isEmpty()) {
            return null;
        }
        String objective = plan.objective().text();
        Double met = highestMet();
        Double failed = lowestFailedAbove(met);
        if (met == null) {
            return new Capacity(objective, null, failed,
                    "no step met " + objective + ": the capacity lies below " + SweepPlan.format(failed) + "/s");
        }
        List<String> failedBelow = steps.stream().filter(s -> Boolean.FALSE.equals(s.meetsObjective()))
                .map(SweepStep::offeredPerSec).filter(rate -> rate < met).sorted()
                .map(rate -> SweepPlan.format(rate) + "/s").toList();
        String below = failedBelow.isEmpty() ? ""
                : "; below it " + String.join(", ", failedBelow) + " did not (a cold or noisy step)";
        if (failed == null) {
            return new Capacity(objective, met, null,
                    "every step up to the highest met " + objective + ": the capacity is at least that" + below);
        }
        return new Capacity(objective, met, failed, SweepPlan.format(met) + "/s met " + objective + ", "
                + SweepPlan.format(failed) + "/s did not" + below);
    }

    /** The steps measured so far, in the order run. */
    public List<SweepStep> steps() {
        return List.copyOf(steps);
    }
}
