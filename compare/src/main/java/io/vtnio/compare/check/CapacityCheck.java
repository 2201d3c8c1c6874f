package io.vtnio.compare.check;

import io.vtnio.compare.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds the capacity at a latency objective (a sweep's, {@code load --slo}) against
 * {@code --min-capacity} and against a baseline, by the rules the other figures follow: by
 * interval when both sides carry two or more rounds with a capacity ({@link RatioInterval#unpaired},
 * failing only when the whole interval lies below {@code 1 - t/100}, inconclusive when it straddles
 * it), else as points (the capacity may fall by at most the tolerance). A capacity measured
 * against another objective than the baseline's is not compared, and a note says so.
 *
 * <p>Threading: stateless.
 */
final class CapacityCheck {

    private CapacityCheck() {
    }

    /** The finding of {@code result} against {@code --min-capacity}; call only for a result with a capacity. */
    static List<Finding> atLeast(CheckedResult result, double minCapacity) {
        Double capacity = result.capacityPerSec();
        if (capacity == null) {
            return List.of(Finding.fail(String.format(Locale.ROOT, "%s: no step met %s, below --min-capacity %,.0f/s",
                    result.name(), result.capacityObjective(), minCapacity)));
        }
        if (capacity < minCapacity) {
            return List.of(Finding.fail(String.format(Locale.ROOT, "%s: capacity at %s %,.0f/s is below "
                    + "--min-capacity %,.0f/s", result.name(), result.capacityObjective(), capacity, minCapacity)));
        }
        return List.of();
    }

    /**
     * The findings of {@code result}'s capacity against {@code base}'s; adds to {@code notes} why
     * they were not compared or were compared as points. Nothing when neither has a capacity.
     */
    static List<Finding> againstBaseline(CheckedResult result, CheckedResult base, double tolerancePercent,
                                         List<String> notes) {
        if (result.capacityObjective() == null || base.capacityObjective() == null) {
            return List.of();
        }
        if (!result.capacityObjective().equals(base.capacityObjective())) {
            notes.add(result.name() + ": capacity at " + result.capacityObjective() + ", its baseline's at "
                    + base.capacityObjective() + ": not compared");
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        String tolerance = Bounds.percent(tolerancePercent);
        double lowest = 1 - tolerancePercent / 100;
        double[] current = capacities(result);
        double[] baseline = capacities(base);
        if (current.length >= IntervalBaselineCheck.FEWEST_ROUNDS && baseline.length >= IntervalBaselineCheck.FEWEST_ROUNDS) {
            RatioInterval ratio = RatioInterval.unpaired(baseline, current, IntervalBaselineCheck.CONFIDENCE);
            String described = ratio.describe().replaceFirst(" ", " of the baseline ");
            if (ratio.high() < lowest) {
                findings.add(Finding.fail(String.format(Locale.ROOT, "%s: capacity at %s %s, below the %s%% tolerance "
                        + "with %.0f%% confidence", result.name(), result.capacityObjective(), described, tolerance,
                        ratio.confidence() * 100)));
            } else if (ratio.low() < lowest) {
                findings.add(Finding.inconclusive(String.format(Locale.ROOT, "%s: capacity at %s %s, inconclusive "
                        + "(noise +/-%s%%)", result.name(), result.capacityObjective(), described,
                        IntervalBaselineCheck.noisePercent(ratio))));
            }
            return findings;
        }
        if (result.rounds().size() >= IntervalBaselineCheck.FEWEST_ROUNDS
                || base.rounds().size() >= IntervalBaselineCheck.FEWEST_ROUNDS) {
            notes.add(result.name() + ": capacity in fewer than two rounds on a side: held as a point");
        }
        Double capacity = result.capacityPerSec();
        Double baseCapacity = base.capacityPerSec();
        if (baseCapacity == null) {
            return findings;
        }
        if (capacity == null) {
            findings.add(Finding.fail(String.format(Locale.ROOT, "%s: no step met %s, the baseline held %,.0f/s",
                    result.name(), result.capacityObjective(), baseCapacity)));
        } else if (capacity < baseCapacity * lowest) {
            findings.add(Finding.fail(String.format(Locale.ROOT, "%s: capacity at %s %,.0f/s is below the baseline's "
                    + "%,.0f/s by %.1f%% (tolerance %s%%)", result.name(), result.capacityObjective(), capacity,
                    baseCapacity, (baseCapacity - capacity) * 100 / baseCapacity, tolerance)));
        }
        return findings;
    }

    /** The capacities of the rounds that measured one above 0. */
    private static double[] capacities(CheckedResult result) {
        return result.rounds().stream().map(CheckedResult.Round::capacityPerSec)
                .filter(capacity -> capacity != null && capacity > 0).mapToDouble(Double::doubleValue).toArray();
    }
}
