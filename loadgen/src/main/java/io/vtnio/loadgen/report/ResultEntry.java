package io.vtnio.loadgen.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vtnio.loadgen.result.LatencyFigures;
import java.util.List;

/**
 * One server in one scenario of a comparison: the {@code --json} object of docs/load.md#json-summary with
 * the medians over its rounds ({@code errors} is the sum, and a round that gave no result counts
 * as one error), preceded by the scenario's name and followed by the server process figures and
 * every round.
 *
 * <p>Threading: immutable.
 */
@JsonPropertyOrder({"scenario", "tool", "version", "mode", "model", "server", "connections", "durationSeconds",
    "requests", "errors", "throughputPerSec", "targetRatePerSec", "latencyMicros", "serviceTimeMicros", "process",
    "rounds"})
public record ResultEntry(
        String scenario,
        String tool,
        String version,
        String mode,
        String model,
        String server,
        int connections,
        double durationSeconds,
        long requests,
        long errors,
        double throughputPerSec,
        Double targetRatePerSec,
        LatencyFigures latencyMicros,
        LatencyFigures serviceTimeMicros,
        ProcessFigures process,
        List<RoundResult> rounds) {

    public ResultEntry {
        rounds = List.copyOf(rounds);
    }

    /** True when at least one round produced a result. */
    public boolean measured() {
        return rounds.stream().anyMatch(round -> round.failure() == null);
    }
}
