package io.vtnio.loadgen.run;

import io.vtnio.core.HumanDuration;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A latency objective, {@code --slo p99=5ms}: the latency at {@code percentile} must not exceed
 * {@code bound}. Any percentile from 0 (exclusive) to 100 is allowed ({@code p50}, {@code p99.9},
 * {@code p99.99}); {@code max} means 100.
 *
 * @param percentile 0 < percentile ≤ 100
 * @param bound      greater than 0
 * @param text       as the user wrote it, for the summary
 *
 * <p>Threading: immutable.
 */
public record LatencyObjective(double percentile, Duration bound, String text) {

    /**
     * Parses {@code pNN[.N]=DURATION} or {@code max=DURATION}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static LatencyObjective parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("expected PERCENTILE=DURATION such as p99=5ms, got '" + text + "'");
        }
        String name = text.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        double percentile;
        if (name.equals("max")) {
            percentile = 100;
        } else if (name.startsWith("p")) {
            try {
                percentile = Double.parseDouble(name.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + name + "' is not a percentile (p50, p99, p99.9, max)");
            }
        } else {
            throw new IllegalArgumentException("'" + name + "' is not a percentile (p50, p99, p99.9, max)");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("a percentile lies above 0 and at most 100, got " + name);
        }
        Duration bound = HumanDuration.parse(text.substring(equals + 1).trim());
        if (bound.isZero() || bound.isNegative()) {
            throw new IllegalArgumentException("the bound must be more than 0, got '" + text.substring(equals + 1) + "'");
        }
        return new LatencyObjective(percentile, bound, name + "=" + HumanDuration.format(bound));
    }

    /** The latency at this objective's percentile in {@code latencyMicros}, in microseconds. */
    public long valueMicros(Histogram latencyMicros) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile);
    }

    /** Whether {@code valueMicros} (from {@link #valueMicros}) meets the bound. */
    public boolean metBy(long valueMicros) {
        return valueMicros * 1_000L <= bound.toNanos();
    }
}
