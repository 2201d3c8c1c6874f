package io.vtnio.compare.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency histogram as HdrHistogram plots it: latency against percentile on a log-scaled axis,
 * here given in "nines": x = log10(1 / (1 - percentile)), so 90% sits at 1, 99% at 2, 99.9% at 3
 * and each step to the right is one more nine. The last point (100%, the maximum) is drawn where
 * one more value would have reached: log10 of the number of values, but no further right than
 * {@link #MAX_NINES} (99.999%), which keeps the axis labels legible; the tail beyond it rises there.
 *
 * @param nines  log10(1 / (1 - percentile)), from 0
 * @param millis latency at that percentile, in milliseconds
 *
 * <p>Threading: immutable.
 */
public record PercentileCurve(double[] nines, double[] millis) {

    /** The right end of the axis: 99.999%. */
    public static final double MAX_NINES = 5;

    /** Points five per halving of the distance to 100%, as HdrHistogram's percentile output. */
    public static PercentileCurve of(Histogram micros) {
        List<double[]> points = new ArrayList<>();
        long count = micros.getTotalCount();
        if (count == 0) {
            return new PercentileCurve(new double[0], new double[0]);
        }
        double cap = Math.min(MAX_NINES, Math.log10(Math.max(10, count)));
        for (HistogramIterationValue value : micros.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            double x = percentile >= 100.0 ? cap : Math.min(cap, Math.log10(1.0 / (1.0 - percentile / 100.0)));
            points.add(new double[] {x, micros.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0});
            if (percentile >= 100.0) {
                break;
            }
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new PercentileCurve(xs, ys);
    }

    /** The label of a tick: 0 → {@code 0%}, 1 → {@code 90%}, 3 → {@code 99.9%}; none between whole nines. */
    public static String label(double x) {
        int nines = (int) Math.round(x);
        if (Math.abs(x - nines) > 1e-6 || nines < 0) {
            return "";
        }
        if (nines == 0) {
            return "0%";
        }
        if (nines == 1) {
            return "90%";
        }
        return "99" + (nines > 2 ? "." + "9".repeat(nines - 2) : "") + "%";
    }
}
