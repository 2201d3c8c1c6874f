package io.vtnio.loadgen.cli;

import io.vtnio.core.HumanDuration;
import io.vtnio.loadgen.run.LatencyObjective;
import io.vtnio.loadgen.run.SweepPlan;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of a sweep of offered load, a mixin inside {@link LoadOptions}: {@code --rates} or
 * {@code --sweep}, with {@code --stop-above}, {@code --slo} and {@code --refine} ({@code --slo}
 * also judges the seconds of {@code --phases}).
 * {@link #toPlan} checks them together and gives the {@link SweepPlan}, or null without a sweep.
 *
 * <p>Threading: filled in by picocli on the parsing thread, then read on the command's thread.
 */
final class SweepOptions {

    @Option(names = "--rates", paramLabel = "PER_SEC,...",
            description = "Sweep: open-model steps at these rates (rising), back to back on the same connections, "
                    + "each with its own --warmup and --duration.")
    private String rates;

    @Option(names = "--sweep", paramLabel = "FROM:TO:STEPS[:linear|:geometric]",
            description = "Sweep: STEPS rates from FROM to TO, evenly spaced or (geometric) each the same factor "
                    + "above the last.")
    private String range;

    @Option(names = "--stop-above", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Sweep: no further step once a step's p99 passes this (default: 1s); a step that achieves "
                    + "less than 90%% of its rate ends the sweep too.")
    private Duration stopAbove;

    @Option(names = "--slo", paramLabel = "PERCENTILE=DURATION",
            description = "Sweep: a latency objective such as p99=5ms; reports the capacity, the highest rate held "
                    + "within 1%% with no errors and the objective met, refined by bisection. --phases: judges "
                    + "every second by it and reports the recovery after the highest rate.")
    private String objective;

    @Option(names = "--refine", paramLabel = "N",
            description = "Sweep with --slo: at most N extra steps to bisect the capacity (default: "
                    + SweepPlan.DEFAULT_REFINE_STEPS + ").")
    private Integer refine;

    /**
     * The sweep these flags ask for, or null for a run at one rate.
     *
     * @param phases whether the run has a timetable ({@code --phases}), which takes {@code --slo} too
     * @throws IllegalArgumentException naming the flag that is wrong
     */
    SweepPlan toPlan(boolean phases) {
        if (rates == null && range == null) {
            require(stopAbove == null, "--stop-above applies to a sweep (--rates or --sweep)");
            require(objective == null || phases, "--slo applies to a sweep (--rates or --sweep) or to --phases");
            require(refine == null, "--refine applies to a sweep (--rates or --sweep) with --slo");
            return null;
        }
        require(rates == null || range == null, "--rates and --sweep do not go together: give one");
        require(refine == null || objective != null, "--refine applies to --slo");
        List<Double> steps;
        try {
            steps = rates != null ? SweepPlan.parseRates(rates) : SweepPlan.parseRange(range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((rates != null ? "--rates: " : "--sweep: ") + e.getMessage());
        }
        for (double rate : steps) {
            require(rate <= LoadOptions.MAX_RATE_PER_SEC, (rates != null ? "--rates" : "--sweep")
                    + ": a rate must be at most 1000000000, got " + rate);
        }
        LatencyObjective slo = objective();
        require(stopAbove == null || (!stopAbove.isZero() && !stopAbove.isNegative()),
                "--stop-above must be more than 0");
        try {
            return new SweepPlan(steps, stopAbove == null ? SweepPlan.DEFAULT_STOP_ABOVE : stopAbove, slo,
                    refine == null ? SweepPlan.DEFAULT_REFINE_STEPS : refine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((rates != null ? "--rates: " : "--sweep: ") + e.getMessage());
        }
    }

    /** {@code --slo}, or null. */
    LatencyObjective objective() {
        if (objective == null) {
            return null;
        }
        try {
            return LatencyObjective.parse(objective);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--slo: " + e.getMessage());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
