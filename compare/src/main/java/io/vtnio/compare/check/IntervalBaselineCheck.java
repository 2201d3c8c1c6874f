package io.vtnio.compare.check;

import io.vtnio.compare.stats.RatioInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds a result against its baseline with confidence, when both carry at least two rounds:
 * the ratio current / baseline of each figure gets a 95% interval over the rounds
 * ({@link RatioInterval#unpaired}: the two files ran at different times, so rounds do not pair),
 * and the interval, not the point, is held against the tolerance of {@code t}%.
 *
 * <ul>
 *   <li>Throughput (open model: the share of the target rate achieved, round by round) fails
 *       only when the whole interval lies below {@code 1 - t/100}; p99 only when the whole
 *       interval lies above {@code 1 + t/100}.</li>
 *   <li>An interval that straddles that bound is inconclusive: the change may be a regression
 *       or noise, and these rounds cannot tell which. It is reported with the noise
 *       (the interval's half width) and fails only under {@code --strict}.</li>
 *   <li>An interval wholly on the good side of the bound holds, and says nothing.</li>
 * </ul>
 *
 * A gate that failed on points would fail a noisy machine at random and teach people to raise
 * the tolerance until it catches nothing; this one fails only on what the rounds show.
 *
 * <p>Threading: stateless.
 */
final class IntervalBaselineCheck {

    static final double CONFIDENCE = 0.95;
    /** The fewest rounds on each side that give an interval (one gives no spread). */
    static final int FEWEST_ROUNDS = 2;

    private IntervalBaselineCheck() {
    }

    /**
     * Why {@code result} and {@code base} cannot be compared by interval, for a note, or null
     * when they can.
     */
    static String whyNoInterval(CheckedResult result, CheckedResult base) {
        if (result.rounds().size() < FEWEST_ROUNDS || base.rounds().size() < FEWEST_ROUNDS) {
            return "single round(s), no interval";
        }
        if (!allPositive(result) || !allPositive(base)) {
            // A ratio of logs needs figures above 0; a round at 0/s is better judged by its median.
            return "a round with a figure of 0, no interval";
        }
        return null;
    }

    /**
     * The failed and inconclusive bounds of {@code result} against {@code base}; call only when
     * {@link #whyNoInterval} is null.
     */
    static List<Finding> hold(CheckedResult result, CheckedResult base, double tolerancePercent) {
        List<Finding> findings = new ArrayList<>();
        boolean open = result.targetRatePerSec() != null && base.targetRatePerSec() != null;
        // Open model: the rate is scheduled, so what can regress is the share of it achieved.
        RatioInterval throughput = RatioInterval.unpaired(throughputs(base, open), throughputs(result, open),
                CONFIDENCE);
        String figure = open ? "achieved share of the target rate" : "throughput";
        double lowest = 1 - tolerancePercent / 100;
        if (throughput.high() < lowest) {
            findings.add(Finding.fail(failure(result, figure, throughput, "below", tolerancePercent)));
        } else if (throughput.low() < lowest) {
            findings.add(Finding.inconclusive(inconclusive(result, figure, throughput)));
        }
        RatioInterval p99 = RatioInterval.unpaired(p99s(base), p99s(result), CONFIDENCE);
        double highest = 1 + tolerancePercent / 100;
        if (p99.low() > highest) {
            findings.add(Finding.fail(failure(result, "latency p99", p99, "above", tolerancePercent)));
        } else if (p99.high() > highest) {
            findings.add(Finding.inconclusive(inconclusive(result, "latency p99", p99)));
        }
        return findings;
    }

    /**
     * {@code echo-peak/nio: throughput 0.78x of the baseline [0.72-0.85x], below the 10% tolerance with 95%
     * confidence}.
     */
    private static String failure(CheckedResult result, String figure, RatioInterval interval, String side,
                                  double tolerancePercent) {
        return String.format(Locale.ROOT, "%s: %s %s, %s the %s%% tolerance with %.0f%% confidence", result.name(),
                figure, ofTheBaseline(interval), side, Bounds.percent(tolerancePercent), interval.confidence() * 100);
    }

    /** {@code echo-peak/nio: throughput 0.93x of the baseline [0.84-1.03x], inconclusive (noise +/-9%)}. */
    private static String inconclusive(CheckedResult result, String figure, RatioInterval interval) {
        return String.format(Locale.ROOT, "%s: %s %s, inconclusive (noise +/-%s%%)", result.name(), figure,
                ofTheBaseline(interval), noisePercent(interval));
    }

    /**
     * The interval's half width in percent of the baseline, the same units as the printed
     * interval, so that {@code [0.84-1.03x]} reads as {@code +/-10%}.
     */
    static String noisePercent(RatioInterval interval) {
        double half = (interval.high() - interval.low()) / 2 * 100;
        return half < 1 ? String.format(Locale.ROOT, "%.1f", half) : Long.toString(Math.round(half));
    }

    /** {@code 0.93x of the baseline [0.84-1.03x]}: the stats package's wording, with what the ratio is of. */
    private static String ofTheBaseline(RatioInterval interval) {
        return interval.describe().replaceFirst(" ", " of the baseline ");
    }

    private static double[] throughputs(CheckedResult result, boolean shareOfTarget) {
        double divisor = shareOfTarget ? result.targetRatePerSec() : 1;
        return result.rounds().stream().mapToDouble(round -> round.throughputPerSec() / divisor).toArray();
    }

    private static double[] p99s(CheckedResult result) {
        return result.rounds().stream().mapToDouble(CheckedResult.Round::p99Micros).toArray();
    }

    private static boolean allPositive(CheckedResult result) {
        return result.rounds().stream().allMatch(round -> round.throughputPerSec() > 0 && round.p99Micros() > 0);
    }
}
