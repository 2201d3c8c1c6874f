package io.vtnio.compare.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A figure over rounds: its median and how much the rounds spread around it, as hyperfine shows
 * a mean with its standard deviation. The spread is the sample standard deviation in percent
 * of the mean; NaN with fewer than two rounds.
 *
 * @param median          the median of the rounds
 * @param relativeSdPct   standard deviation over the mean, in percent
 * @param rounds          how many rounds
 *
 * <p>Threading: immutable.
 */
public record Spread(double median, double relativeSdPct, int rounds) {

    public static Spread of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        if (sorted.length < 2) {
            return new Spread(median, Double.NaN, 1);
        }
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double sum = 0;
        for (double value : sorted) {
            sum += (value - mean) * (value - mean);
        }
        double sd = Math.sqrt(sum / (sorted.length - 1));
        return new Spread(median, mean == 0 ? 0 : sd * 100 / Math.abs(mean), sorted.length);
    }

    /** {@code ±6%}, {@code ±0.4%}, or empty with a single round. */
    public String suffix() {
        if (Double.isNaN(relativeSdPct)) {
            return "";
        }
        if (relativeSdPct == 0) {
            return " ±0%";
        }
        return String.format(Locale.ROOT, relativeSdPct < 1 ? " ±%.1f%%" : " ±%.0f%%", relativeSdPct);
    }
}
