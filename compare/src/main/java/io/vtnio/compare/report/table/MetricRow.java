package io.vtnio.compare.report.table;

import java.util.List;

/**
 * One line of a side-by-side table: a figure for every contestant, in contestant order.
 *
 * @param label  e.g. {@code latency p99}
 * @param values the raw figures (null where unknown), for ratios
 * @param texts  the figures as shown ({@code n/a} where unknown)
 * @param better which way is better, for ratios and highlights
 * @param detail true for rows only the HTML report shows
 */
public record MetricRow(String label, List<Double> values, List<String> texts, Better better, boolean detail) {

    /** Which way a figure is better. */
    public enum Better { HIGHER, LOWER, NEITHER }

    public MetricRow {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        texts = List.copyOf(texts);
    }

    /** {@code values[i] / values[0]}, or NaN when either is unknown or the first is zero. */
    public double ratio(int i) {
        Double base = values.getFirst();
        Double other = values.get(i);
        if (base == null || other == null || base == 0) {
            return Double.NaN;
        }
        return other / base;
    }

    /** Differences within this share count as even unless told otherwise: compare's default --threshold. */
    public static final double EVEN = 0.10;

    /** Index of the best contestant, or -1 when it does not apply or they are within {@link #EVEN}. */
    public int best() {
        return best(EVEN);
    }

    /**
     * Index of the best contestant, or -1 when it does not apply or another is within
     * {@code evenShare} of it (0.10: within 10%, as {@code compare --threshold 10}).
     */
    public int best(double evenShare) {
        if (better == Better.NEITHER) {
            return -1;
        }
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            if (value == null) {
                return -1;
            }
            if (best < 0 || (better == Better.HIGHER ? value > values.get(best) : value < values.get(best))) {
                best = i;
            }
        }
        for (int i = 0; i < values.size(); i++) {
            if (i != best && within(values.get(i), values.get(best), evenShare)) {
                return -1;
            }
        }
        return best;
    }

    /** Whether the larger of two figures is at most {@code evenShare} above the smaller (as the ratio shows it). */
    private static boolean within(double a, double b, double evenShare) {
        double low = Math.min(Math.abs(a), Math.abs(b));
        double high = Math.max(Math.abs(a), Math.abs(b));
        return high == 0 || (low > 0 && high / low <= 1 + evenShare + 1e-9);
    }
}
