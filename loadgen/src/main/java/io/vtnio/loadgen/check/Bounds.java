package io.vtnio.loadgen.check;

import io.vtnio.loadgen.report.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bounds of one {@code check}, held against results one by one. Each bound that a result
 * breaks becomes one line naming the result, the bound and the actual figure.
 *
 * @param maxP99           highest allowed latency p99, or null
 * @param minThroughput    lowest allowed requests a second, or null
 * @param maxErrors        most errors allowed, or null
 * @param tolerancePercent how far a result may fall behind its baseline: throughput down or p99 up by at most
 *                         this many percent
 *
 * <p>Threading: immutable.
 */
record Bounds(Duration maxP99, Double minThroughput, Long maxErrors, double tolerancePercent) {

    /** What holding bounds against results found. */
    record Outcome(int checked, List<String> failures) {
    }

    /**
     * Holds the absolute bounds against every result, and against its baseline where
     * {@code baseline} has one (null: no baseline).
     */
    Outcome hold(List<CheckedResult> results, List<CheckedResult> baseline) {
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (CheckedResult result : results) {
            if (maxP99 != null) {
                checked++;
                long limitMicros = maxP99.toNanos() / 1000;
                if (result.p99Micros() > limitMicros) {
                    failures.add(String.format(Locale.ROOT, "%s: latency p99 %s is above --max-p99 %s",
                            result.name(), Units.micros(result.p99Micros()), Units.micros(limitMicros)));
                }
            }
            if (minThroughput != null) {
                checked++;
                if (result.throughputPerSec() < minThroughput) {
                    failures.add(String.format(Locale.ROOT, "%s: throughput %,.1f/s is below --min-throughput %,.1f/s",
                            result.name(), result.throughputPerSec(), minThroughput));
                }
            }
            if (maxErrors != null) {
                checked++;
                if (result.errors() > maxErrors) {
                    failures.add(String.format(Locale.ROOT, "%s: %,d errors, above --max-errors %,d",
                            result.name(), result.errors(), maxErrors));
                }
            }
            CheckedResult base = baseline == null ? null : match(result, results, baseline);
            if (base != null) {
                checked += 2;
                double factor = tolerancePercent / 100.0;
                if (result.targetRatePerSec() != null && base.targetRatePerSec() != null) {
                    // Open model: the rate is scheduled, so what can regress is the share of it achieved.
                    double share = result.throughputPerSec() / result.targetRatePerSec();
                    double baseShare = base.throughputPerSec() / base.targetRatePerSec();
                    if (share < baseShare * (1 - factor)) {
                        failures.add(String.format(Locale.ROOT, "%s: achieved %.1f%% of its target rate %,.1f/s, "
                                        + "below the baseline's %.1f%% by %.1f%% (tolerance %s%%)", result.name(),
                                share * 100, result.targetRatePerSec(), baseShare * 100,
                                percentBelow(share, baseShare), tolerance()));
                    }
                } else if (result.throughputPerSec() < base.throughputPerSec() * (1 - factor)) {
                    failures.add(String.format(Locale.ROOT, "%s: throughput %,.1f/s is below the baseline's %,.1f/s "
                                    + "by %.1f%% (tolerance %s%%)", result.name(), result.throughputPerSec(),
                            base.throughputPerSec(), percentBelow(result.throughputPerSec(), base.throughputPerSec()),
                            tolerance()));
                }
                double highest = base.p99Micros() * (1 + factor);
                if (result.p99Micros() > highest) {
                    failures.add(String.format(Locale.ROOT, "%s: latency p99 %s is above the baseline's %s by %.1f%% "
                                    + "(tolerance %s%%)", result.name(), Units.micros(result.p99Micros()),
                            Units.micros(base.p99Micros()), percentAbove(result.p99Micros(), base.p99Micros()),
                            tolerance()));
                }
            }
        }
        return new Outcome(checked, failures);
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
                        + "at different loads (fix the rate, e.g. compare --echo-rate)", result.name(),
                        result.targetRatePerSec(), base.targetRatePerSec()));
            }
        }
        return notes;
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

    private String tolerance() {
        return tolerancePercent == Math.rint(tolerancePercent) ? Long.toString((long) tolerancePercent)
                : Double.toString(tolerancePercent);
    }

    private static double percentBelow(double value, double base) {
        return base == 0 ? 0 : (base - value) * 100 / base;
    }

    private static double percentAbove(double value, double base) {
        return base == 0 ? 100 : (value - base) * 100 / base;
    }
}
