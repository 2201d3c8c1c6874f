package io.vtnio.loadgen.report;

import java.util.function.Function;

/**
 * The figure that decides a scenario, and how to read it from one round: throughput for the
 * closed loops and churn, latency p99 for the open loops at a fixed rate, memory per connection
 * for {@code idle}.
 *
 * @param label          as the tables show it, e.g. {@code replies/s}
 * @param higherIsBetter whether more is better
 * @param perRound       the figure of one successful round, or null when the round lacks it
 *
 * <p>Threading: immutable.
 */
public record DecidingFigure(String label, boolean higherIsBetter, Function<RoundResult, Double> perRound) {

    /** The deciding figure of {@code scenario}. */
    public static DecidingFigure of(ScenarioInfo scenario) {
        return switch (scenario.name()) {
            case "idle" -> new DecidingFigure("memory/connection", false,
                    round -> round.process().bytesPerConnection() == null ? null
                            : round.process().bytesPerConnection().doubleValue());
            case "echo-latency", "fanout" -> new DecidingFigure("latency p99", false,
                    round -> (double) round.latencyMicros().p99());
            default -> new DecidingFigure(ComparisonRows.plural(scenario.unit()) + "/s", true,
                    RoundResult::throughputPerSec);
        };
    }
}
