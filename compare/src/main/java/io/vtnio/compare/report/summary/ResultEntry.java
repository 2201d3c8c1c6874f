package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vtnio.loadgen.result.LoadFigures;
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
 */
@JsonPropertyOrder({"scenario", "figures", "process", "rounds"})
public record ResultEntry(
        String scenario,
        @JsonUnwrapped LoadFigures figures,
        ProcessFigures process,
        List<RoundResult> rounds) {

    public ResultEntry {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    /** True when at least one round produced a result. */
    public boolean measured() {
        return rounds.stream().anyMatch(round -> round.failure() == null);
    }
}
