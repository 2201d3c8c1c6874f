package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
import io.vtnio.loadgen.result.SweepResult;

/**
 * One round of one contestant in one scenario: its generator run's {@link LoadFigures} inline
 * ({@code @JsonUnwrapped}, the fields of docs/load.md#json-summary, as {@link ResultEntry} holds
 * the medians), the server's figures, and where its files are (paths relative to the results
 * directory; null when not written). A round that gave no result holds {@link #NO_RESULT}: one
 * error, nothing else. Files written before rounds held every figure lack the newer fields
 * (tool, mode, model, connections, the service time ...): they read as null or 0.
 *
 * @param round   1-based round number
 * @param failure         why the round gave no result, or null when it did
 * @param figures         the generator's figures; {@code durationSeconds} is the measured time, and
 *                        intervals of the log after it are the drain
 * @param warmupSeconds   how long the warm-up before the measured window lasted (for {@code idle}: the echo
 *                        traffic that warmed the server before its memory was measured); null in older files
 * @param steadyState     whether the warm-up ended on a detected steady state (true), ran into its upper
 *                        bound (false), or was fixed by {@code --warmup} (null)
 * @param check           whether the round measured the server, with the busy shares that say so; null for a
 *                        failed round and in older files (such a round counts)
 * @param sweep           the capacity scenario: the generator's sweep, steps and capacity; null elsewhere
 * @param overload        an overload scenario: growth, recovery and the timeline; null elsewhere
 */
@JsonPropertyOrder({"round", "failure", "figures", "process"})
public record RoundResult(
        int round,
        String failure,
        @JsonUnwrapped LoadFigures figures,
        ProcessFigures process,
        String json,
        String hlog,
        String hgrm,
        String loadLog,
        String serverLog,
        String gcLog,
        Double warmupSeconds,
        Boolean steadyState,
        @JsonInclude(JsonInclude.Include.NON_NULL) RoundCheck check,
        @JsonInclude(JsonInclude.Include.NON_NULL) SweepResult sweep,
        @JsonInclude(JsonInclude.Include.NON_NULL) OverloadFigures overload) {

    /** A round of any scenario but overload. */
    public RoundResult(int round, String failure, LoadFigures figures, ProcessFigures process, String json, String hlog,
                       String hgrm, String loadLog, String serverLog, String gcLog, Double warmupSeconds,
                       Boolean steadyState, RoundCheck check, SweepResult sweep) {
        this(round, failure, figures, process, json, hlog, hgrm, loadLog, serverLog, gcLog, warmupSeconds, steadyState,
                check, sweep, null);
    }

    /** The figures of a round that gave no result: one error. */
    public static final LoadFigures NO_RESULT = new LoadFigures(LoadFigures.TOOL, null, null, null, null, 0, 0.0, 0, 1,
            0.0, null, LatencyFigures.ZERO, LatencyFigures.ZERO);

    /** A round without its check, as older files hold it. */
    public RoundResult(int round, String failure, LoadFigures figures, ProcessFigures process, String json, String hlog,
                       String hgrm, String loadLog, String serverLog, String gcLog, Double warmupSeconds,
                       Boolean steadyState) {
        this(round, failure, figures, process, json, hlog, hgrm, loadLog, serverLog, gcLog, warmupSeconds, steadyState,
                null, null);
    }

    /** A round of any scenario but capacity. */
    public RoundResult(int round, String failure, LoadFigures figures, ProcessFigures process, String json, String hlog,
                       String hgrm, String loadLog, String serverLog, String gcLog, Double warmupSeconds,
                       Boolean steadyState, RoundCheck check) {
        this(round, failure, figures, process, json, hlog, hgrm, loadLog, serverLog, gcLog, warmupSeconds, steadyState,
                check, null);
    }

    /** The capacity at the sweep's objective, or null without a sweep or when no step met it. */
    public Double capacityPerSec() {
        return sweep == null || sweep.capacity() == null ? null : sweep.capacity().perSec();
    }

    /** The p99 of an overload round's overload phase, or null elsewhere. */
    public Double overloadP99Micros() {
        return overload == null ? null : overload.overloadP99Micros();
    }

    /** Whether this round gave a result. */
    public boolean succeeded() {
        return failure == null;
    }

    /** Whether it gave a result that counts for a verdict on a throughput figure ({@code throughput}) or another. */
    public boolean counts(boolean throughput) {
        return succeeded() && (check == null || check.counts(throughput));
    }

    /** Why it is left out of a verdict on such a figure, or null when it counts. */
    public String leftOut(boolean throughput) {
        if (!succeeded()) {
            return "failed";
        }
        return counts(throughput) ? null : check.leftOut();
    }
}
