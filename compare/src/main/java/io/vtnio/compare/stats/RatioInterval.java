package io.vtnio.compare.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * How many times one contestant's figure is the other's, with a confidence interval: the unit
 * of evidence of {@code compare} and {@code check}.
 *
 * <p>Ratios are averaged in log space (a geometric mean), so {@code 2x} and {@code 0.5x} weigh
 * alike, and the interval is Student's t on the logs. With the three to a dozen rounds this
 * machine can afford, the t interval is the honest choice: a bootstrap percentile interval is
 * too narrow below about ten samples, and the Wilcoxon signed-rank interval cannot reach 95%
 * with fewer than six pairs. Noise on this machine is multiplicative (its speed drifts by a
 * share, not by a fixed amount), which is what log-normal errors assume.
 *
 * <pre>{@code
 * RatioInterval ratio = RatioInterval.paired(vtRounds, nioRounds, 0.95);   // nio / vt, pair by pair
 * ratio.describe();                                                        // "1.22x [1.15-1.31]"
 * }</pre>
 *
 * @param ratio      the point estimate: geometric mean of the pair ratios (paired), or ratio of the
 *                   geometric means (unpaired)
 * @param low        lower bound of the interval; 0 when there are too few samples for one
 * @param high       upper bound; {@link Double#POSITIVE_INFINITY} when there are too few samples
 * @param confidence e.g. 0.95
 * @param samples    pairs (paired) or the smaller of the two sample counts (unpaired)
 * @param logSpread  the standard deviation of the log ratios (paired) or the standard error of the
 *                   log ratio times the square root of {@code samples} (unpaired); NaN with one sample
 * @param above      paired: how many pairs had a ratio above 1; unpaired: 0
 * @param below      paired: how many pairs had a ratio below 1; unpaired: 0
 *
 * <p>Threading: immutable.
 */
public record RatioInterval(double ratio, double low, double high, double confidence, int samples,
                            double logSpread, int above, int below) {

    /**
     * The ratio {@code b / a} from pairs measured together: {@code a[i]} and {@code b[i]} ran
     * back to back, so drift of the machine over the whole comparison cancels in each pair.
     *
     * @param a          the reference's figures, all greater than 0
     * @param b          the other's, as many, all greater than 0
     * @param confidence in (0, 1), e.g. 0.95
     */
    public static RatioInterval paired(double[] a, double[] b, double confidence) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in count: " + a.length + " and " + b.length);
        }
        requireConfidence(confidence);
        double[] logs = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            logs[i] = Math.log(positive(b[i]) / positive(a[i]));
        }
        int n = logs.length;
        if (n == 0) {
            throw new IllegalArgumentException("no pairs");
        }
        int above = (int) Arrays.stream(logs).filter(log -> log > 0).count();
        int below = (int) Arrays.stream(logs).filter(log -> log < 0).count();
        double mean = mean(logs);
        if (n == 1) {
            return new RatioInterval(Math.exp(mean), 0, Double.POSITIVE_INFINITY, confidence, 1, Double.NaN, above,
                    below);
        }
        double sd = Math.sqrt(variance(logs, mean));
        double half = quantile(n - 1, confidence) * sd / Math.sqrt(n);
        return new RatioInterval(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), confidence, n, sd,
                above, below);
    }

    /**
     * The ratio {@code b / a} of two independent sets of runs (e.g. today's against a baseline
     * measured another day): the ratio of their geometric means, with Welch's interval, which
     * does not assume both sets are equally noisy.
     */
    public static RatioInterval unpaired(double[] a, double[] b, double confidence) {
        requireConfidence(confidence);
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] logA = Arrays.stream(a).map(v -> Math.log(positive(v))).toArray();
        double[] logB = Arrays.stream(b).map(v -> Math.log(positive(v))).toArray();
        double meanA = mean(logA);
        double meanB = mean(logB);
        double ratio = Math.exp(meanB - meanA);
        int samples = Math.min(a.length, b.length);
        if (a.length < 2 || b.length < 2) {
            return new RatioInterval(ratio, 0, Double.POSITIVE_INFINITY, confidence, samples, Double.NaN, 0, 0);
        }
        double termA = variance(logA, meanA) / a.length;
        double termB = variance(logB, meanB) / b.length;
        double se = Math.sqrt(termA + termB);
        if (se == 0) {
            return new RatioInterval(ratio, ratio, ratio, confidence, samples, 0, 0, 0);
        }
        // Welch-Satterthwaite degrees of freedom.
        double df = (termA + termB) * (termA + termB)
                / (termA * termA / (a.length - 1) + termB * termB / (b.length - 1));
        double half = quantile(df, confidence) * se;
        return new RatioInterval(ratio, Math.exp(Math.log(ratio) - half), Math.exp(Math.log(ratio) + half),
                confidence, samples, se * Math.sqrt(samples), 0, 0);
    }

    /** Whether there were enough samples for an interval at all. */
    public boolean bounded() {
        return Double.isFinite(high) && low > 0;
    }

    /** The interval's half width in log space; infinite without one. */
    public double logHalfWidth() {
        return bounded() ? (Math.log(high) - Math.log(low)) / 2 : Double.POSITIVE_INFINITY;
    }

    /**
     * The smallest true ratio (as a factor above 1, either way) whose interval would lie wholly
     * beyond {@code bound}, were it measured with this interval's width: {@code bound * e^h}, with
     * {@code h} the {@link #logHalfWidth()}. A ratio {@code r} measured as itself has the interval
     * {@code [r/e^h, r*e^h]}, which clears the bound only from {@code r = bound * e^h} on.
     *
     * @param bound the threshold as a ratio, 1 or more (1.10 for 10%)
     * @return the ratio, or {@link Double#POSITIVE_INFINITY} without an interval
     */
    public double smallestDetectableRatio(double bound) {
        if (!(bound >= 1)) {
            throw new IllegalArgumentException("a bound is a ratio of 1 or more, got " + bound);
        }
        return bounded() ? bound * Math.exp(logHalfWidth()) : Double.POSITIVE_INFINITY;
    }

    /** {@code 1.22x [1.15-1.31]}, or {@code 1.22x [no interval from 1 pair]}. */
    public String describe() {
        if (!bounded()) {
            return format(ratio) + " [no interval from " + samples + (samples == 1 ? " sample]" : " samples]");
        }
        return format(ratio) + " [" + format(low).replace("x", "") + "-" + format(high) + "]";
    }

    static String format(double value) {
        return String.format(java.util.Locale.ROOT, value >= 10 ? "%.1fx" : "%.2fx", value);
    }

    private static double quantile(double degreesOfFreedom, double confidence) {
        return TDistribution.of(degreesOfFreedom).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double variance(double[] values, double mean) {
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / (values.length - 1);
    }

    private static double positive(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a ratio needs figures greater than 0, got " + value);
        }
        return value;
    }

    private static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }
}
