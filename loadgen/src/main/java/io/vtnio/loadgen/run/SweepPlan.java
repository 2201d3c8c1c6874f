package io.vtnio.loadgen.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a sweep of offered load ({@code load --rates} or {@code --sweep}) runs: open-model steps at
 * rising rates, back to back on the same connections, each with its own warm-up and measured
 * window; stopped early once a step misses its rate badly or its p99 passes {@code stopAbove};
 * with an objective, the capacity refined by up to {@code refineSteps} extra steps.
 *
 * @param ratesPerSec  total offered rates, rising, each above 0
 * @param stopAbove    no further planned step once a step's p99 is above it
 * @param objective    the latency objective of {@code --slo}, or null
 * @param refineSteps  most extra steps to bisect the capacity (0: none)
 *
 * <p>Threading: immutable.
 */
public record SweepPlan(List<Double> ratesPerSec, Duration stopAbove, LatencyObjective objective, int refineSteps) {

    /** The {@code --stop-above} default: a p99 past a second ends a sweep on any server. */
    public static final Duration DEFAULT_STOP_ABOVE = Duration.ofSeconds(1);
    /** The {@code --refine} default: three bisections narrow the capacity to an eighth of a step. */
    public static final int DEFAULT_REFINE_STEPS = 3;
    /** Most steps one sweep may plan. */
    public static final int MAX_STEPS = 100;

    public SweepPlan {
        ratesPerSec = List.copyOf(ratesPerSec);
        if (ratesPerSec.isEmpty() || ratesPerSec.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a sweep has 1.." + MAX_STEPS + " steps, got " + ratesPerSec.size());
        }
        for (int i = 0; i < ratesPerSec.size(); i++) {
            double rate = ratesPerSec.get(i);
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("every rate must be more than 0, got " + format(rate));
            }
            if (i > 0 && rate <= ratesPerSec.get(i - 1)) {
                throw new IllegalArgumentException("rates must rise from step to step, got " + format(ratesPerSec.get(i - 1))
                        + " then " + format(rate));
            }
        }
        if (refineSteps < 0 || refineSteps > 20) {
            throw new IllegalArgumentException("--refine must be 0..20, got " + refineSteps);
        }
    }

    /** {@code --rates 5000,10000,20000}: the rates as listed. */
    public static List<Double> parseRates(String text) {
        List<Double> rates = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim().replace("_", "");
            try {
                rates.add(Double.parseDouble(trimmed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a rate (messages a second)");
            }
        }
        return rates;
    }

    /**
     * {@code --sweep FROM:TO:STEPS[:linear|:geometric]}: STEPS rates from FROM to TO, both
     * included, evenly spaced (linear, the default) or each the same factor above the last
     * (geometric, as in a log-scale plot).
     */
    public static List<Double> parseRange(String text) {
        String[] parts = text.split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("expected FROM:TO:STEPS[:linear|:geometric], got '" + text + "'");
        }
        double from = number(parts[0], "FROM");
        double to = number(parts[1], "TO");
        int steps;
        try {
            steps = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STEPS must be a whole number, got '" + parts[2] + "'");
        }
        String scale = parts.length == 4 ? parts[3].trim().toLowerCase(Locale.ROOT) : "linear";
        boolean geometric = switch (scale) {
            case "linear", "lin" -> false;
            case "geometric", "geo", "log" -> true;
            default -> throw new IllegalArgumentException("the scale is linear or geometric, got '" + parts[3] + "'");
        };
        if (!(from > 0) || !(to > from)) {
            throw new IllegalArgumentException("expected 0 < FROM < TO, got " + format(from) + " and " + format(to));
        }
        if (steps < 2 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("STEPS must be 2.." + MAX_STEPS + ", got " + steps);
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double share = (double) i / (steps - 1);
            double rate = geometric ? from * Math.pow(to / from, share) : from + (to - from) * share;
            rates.add(i == steps - 1 ? to : Math.round(rate * 100) / 100.0);
        }
        return rates;
    }

    /**
     * With a fixed warm-up, the longest a step after one that did not hold its rate warms up
     * until steady: five times the fixed warm-up, at least 2 s and at most 30 s.
     */
    public static Duration backlogWarmupMax(Duration fixedWarmup) {
        Duration five = fixedWarmup.multipliedBy(5);
        return five.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2)
                : five.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : five;
    }

    /** The first step's rate: the run's rate, which later steps change by a factor. */
    public double firstRatePerSec() {
        return ratesPerSec.getFirst();
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a rate (messages a second), got '" + text + "'");
        }
    }

    /** A rate as the messages say it: whole numbers without decimals. */
    static String format(double rate) {
        return rate == Math.rint(rate) && Math.abs(rate) < 1e15 ? String.format(Locale.ROOT, "%,.0f", rate)
                : String.format(Locale.ROOT, "%,.2f", rate);
    }
}
