package io.vtnio.compare.check;

import io.vtnio.compare.report.table.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bounds of one {@code check}, held against results one by one. Each bound that a result
 * breaks, or that the noise of its rounds cannot settle, becomes one {@link Finding} naming the
 * result, the bound and the actual figure. Absolute bounds
 * are points; a baseline is held by interval where both sides carry rounds
 * ({@link IntervalBaselineCheck}) and by points where either has a single one
 * ({@link PointBaselineCheck}).
 *
 * @param maxP99           highest allowed latency p99, or null
 * @param minThroughput    lowest allowed requests a second, or null
 * @param maxErrors        most errors allowed, or null
 * @param minCapacity      lowest allowed capacity at a sweep's objective, or null; held against the results
 *                         that carry a capacity
 * @param tolerancePercent how far a result may fall behind its baseline: throughput down or p99 up by at most
 *                         this many percent, 0 or more
 *
 * <p>Threading: immutable.
 */
record Bounds(Duration maxP99, Double minThroughput, Long maxErrors, Double minCapacity, double tolerancePercent) {

    /**
     * Holds the absolute bounds against every result, and against its baseline where
     * {@code baseline} has one (null: no baseline).
     */
    Outcome hold(List<CheckedResult> results, List<CheckedResult> baseline) {
        int checked = 0;
        List<String> notes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (CheckedResult result : results) {
            if (maxP99 != null) {
                checked++;
                long limitMicros = maxP99.toNanos() / 1000;
                if (result.p99Micros() > limitMicros) {
                    findings.add(Finding.fail(String.format(Locale.ROOT, "%s: latency p99 %s is above --max-p99 %s",
                            result.name(), Units.micros(result.p99Micros()), Units.micros(limitMicros))));
                }
            }
            if (minThroughput != null) {
                checked++;
                if (result.throughputPerSec() < minThroughput) {
                    findings.add(Finding.fail(String.format(Locale.ROOT, "%s: throughput %,.1f/s is below "
                            + "--min-throughput %,.1f/s", result.name(), result.throughputPerSec(), minThroughput)));
                }
            }
            if (maxErrors != null) {
                checked++;
                if (result.errors() > maxErrors) {
                    findings.add(Finding.fail(String.format(Locale.ROOT, "%s: %,d errors, above --max-errors %,d",
                            result.name(), result.errors(), maxErrors)));
                }
            }
            if (minCapacity != null && result.capacityObjective() != null) {
                checked++;
                findings.addAll(CapacityCheck.atLeast(result, minCapacity));
            }
            CheckedResult base = baseline == null ? null : match(result, results, baseline);
            if (base != null && result.capacityObjective() != null && base.capacityObjective() != null) {
                checked++;
                findings.addAll(CapacityCheck.againstBaseline(result, base, tolerancePercent, notes));
            }
            if (base != null) {
                checked += 2;
                String noInterval = IntervalBaselineCheck.whyNoInterval(result, base);
                if (noInterval == null) {
                    findings.addAll(IntervalBaselineCheck.hold(result, base, tolerancePercent));
                } else {
                    notes.add(result.name() + ": " + noInterval + ": plain bounds");
                    findings.addAll(PointBaselineCheck.hold(result, base, tolerancePercent));
                }
            }
        }
        return new Outcome(checked, notes, findings);
    }

    /**
     * Results whose open-model rate differs from their baseline's by more than 1%: their latencies
     * are compared all the same, but at different loads.
     */
    static List<String> rateMismatches(List<CheckedResult> results, List<CheckedResult> baseline) {
        List<String> notes = new ArrayList<>();
        for (CheckedResult result : results) {
            CheckedResult base = match(result, results, baseline);
            if (base != null && result.targetRatePerSec() != null && base.targetRatePerSec() != null
                    && Math.abs(result.targetRatePerSec() - base.targetRatePerSec()) > 0.01 * base.targetRatePerSec()) {
                notes.add(String.format(Locale.ROOT, "%s ran at %,.0f/s, its baseline at %,.0f/s: latencies compared "
                        + "at different loads (%s)", result.name(), result.targetRatePerSec(), base.targetRatePerSec(),
                        howToFixTheRate(result.scenario())));
            }
        }
        return notes;
    }

    /** What sets a result's open-model rate, so that the next run and its baseline share it. */
    static String howToFixTheRate(String scenario) {
        return switch (scenario) {
            case "echo-latency" -> "fix the rate with compare --echo-rate";
            // idle sends about one message per connection over its run: connections / (warm-up + duration).
            case "idle" -> "idle's rate is its connections over its run's length: give both runs the same "
                    + "--quick, --idle-connections, --warmup and --duration";
            case "fanout" -> "fanout's rate comes with its size: run both with --quick or both without";
            default -> "give both runs the same --rate";
        };
    }

    /**
     * The baseline result for {@code result}: the same scenario and server, or, when both files
     * hold a single result (two {@code load --json} files), that one.
     */
    static CheckedResult match(CheckedResult result, List<CheckedResult> results, List<CheckedResult> baseline) {
        for (CheckedResult base : baseline) {
            if (base.scenario().equals(result.scenario()) && base.server().equals(result.server())) {
                return base;
            }
        }
        if (results.size() == 1 && baseline.size() == 1) {
            return baseline.getFirst();
        }
        return null;
    }

    /** {@code 10} or {@code 12.5}, as a tolerance is named in output. */
    static String percent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
