package io.vtnio.compare.check;

import io.vtnio.compare.report.table.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds a result against its baseline figure by figure, as points: the rule when either side has
 * fewer than two rounds (a {@code load --json} file, {@code compare --rounds 1}, a summary from
 * before rounds were recorded), where there is no spread to build an interval from. Throughput
 * (open model: the share of the target rate achieved) may fall, and p99 rise, by at most the
 * tolerance.
 *
 * <p>Threading: stateless.
 */
final class PointBaselineCheck {

    private PointBaselineCheck() {
    }

    /** The failed bounds of {@code result} against {@code base}: none, one or two. */
    static List<Finding> hold(CheckedResult result, CheckedResult base, double tolerancePercent) {
        List<Finding> findings = new ArrayList<>();
        double factor = tolerancePercent / 100.0;
        String tolerance = Bounds.percent(tolerancePercent);
        if (result.targetRatePerSec() != null && base.targetRatePerSec() != null) {
            // Open model: the rate is scheduled, so what can regress is the share of it achieved.
            double share = result.throughputPerSec() / result.targetRatePerSec();
            double baseShare = base.throughputPerSec() / base.targetRatePerSec();
            if (share < baseShare * (1 - factor)) {
                findings.add(Finding.fail(String.format(Locale.ROOT, "%s: achieved %.1f%% of its target rate %,.1f/s, "
                                + "below the baseline's %.1f%% by %.1f%% (tolerance %s%%)", result.name(),
                        share * 100, result.targetRatePerSec(), baseShare * 100, percentBelow(share, baseShare),
                        tolerance)));
            }
        } else if (result.throughputPerSec() < base.throughputPerSec() * (1 - factor)) {
            findings.add(Finding.fail(String.format(Locale.ROOT, "%s: throughput %,.1f/s is below the baseline's "
                            + "%,.1f/s by %.1f%% (tolerance %s%%)", result.name(), result.throughputPerSec(),
                    base.throughputPerSec(), percentBelow(result.throughputPerSec(), base.throughputPerSec()),
                    tolerance)));
        }
        double highest = base.p99Micros() * (1 + factor);
        if (result.p99Micros() > highest) {
            findings.add(Finding.fail(String.format(Locale.ROOT, "%s: latency p99 %s is above the baseline's %s by "
                            + "%.1f%% (tolerance %s%%)", result.name(), Units.micros(result.p99Micros()),
                    Units.micros(base.p99Micros()), percentAbove(result.p99Micros(), base.p99Micros()), tolerance)));
        }
        return findings;
    }

    private static double percentBelow(double value, double base) {
        return base == 0 ? 0 : (base - value) * 100 / base;
    }

    private static double percentAbove(double value, double base) {
        return base == 0 ? 100 : (value - base) * 100 / base;
    }
}
