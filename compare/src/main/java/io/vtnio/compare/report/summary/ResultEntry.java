package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vtnio.loadgen.result.LoadFigures;
import io.vtnio.loadgen.result.SweepResult;
import java.util.List;

/**
 * One server in one scenario of a comparison: the scenario's name, then the {@link LoadFigures}
 * of docs/load.md#json-summary inline ({@code @JsonUnwrapped}) with the medians over its rounds
 * ({@code errors} is the sum, and a round that gave no result counts as one error), then the
 * server process figures and every round.
 *
 * <p>Threading: immutable.
 *
 * @param rounds every round, in the order run; empty for a file written before rounds were recorded
 * @param sweep  the capacity scenario: the sweep of the round whose capacity is the median (its steps
 *               draw the curve, its capacity is the median's); null elsewhere
 */
@JsonPropertyOrder({"scenario", "figures", "process", "rounds", "sweep"})
public record ResultEntry(
        String scenario,
        @JsonUnwrapped LoadFigures figures,
        ProcessFigures process,
        List<RoundResult> rounds,
        @JsonInclude(JsonInclude.Include.NON_NULL) SweepResult sweep) {

    public ResultEntry {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    /** An entry without a sweep, as every scenario but capacity has. */
    public ResultEntry(String scenario, LoadFigures figures, ProcessFigures process, List<RoundResult> rounds) {
        this(scenario, figures, process, rounds, null);
    }

    /** True when at least one round produced a result. */
    public boolean measured() {
        return rounds.stream().anyMatch(round -> round.failure() == null);
    }
}
