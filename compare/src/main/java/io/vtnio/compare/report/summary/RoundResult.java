package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vtnio.loadgen.result.LatencyFigures;

/**
 * One round of one contestant in one scenario: the headline figures of that generator run and
 * where its files are (paths relative to the results directory; null when not written).
 *
 * @param round   1-based round number
 * @param failure         why the round gave no result, or null when it did
 * @param durationSeconds the measured time; intervals of the log after it are the drain
 * @param warmupSeconds   how long the warm-up before the measured window lasted (for {@code idle}: the echo
 *                        traffic that warmed the server before its memory was measured); null in older files
 * @param steadyState     whether the warm-up ended on a detected steady state (true), ran into its upper
 *                        bound (false), or was fixed by {@code --warmup} (null)
 * @param check           whether the round measured the server, with the busy shares that say so; null for a
 *                        failed round and in older files (such a round counts)
 */
public record RoundResult(
        int round,
        String failure,
        long requests,
        long errors,
        double durationSeconds,
        double throughputPerSec,
        LatencyFigures latencyMicros,
        ProcessFigures process,
        String json,
        String hlog,
        String hgrm,
        String loadLog,
        String serverLog,
        String gcLog,
        Double warmupSeconds,
        Boolean steadyState,
        @JsonInclude(JsonInclude.Include.NON_NULL) RoundCheck check) {

    /** A round without its check, as older files hold it. */
    public RoundResult(int round, String failure, long requests, long errors, double durationSeconds,
                       double throughputPerSec, LatencyFigures latencyMicros, ProcessFigures process, String json,
                       String hlog, String hgrm, String loadLog, String serverLog, String gcLog, Double warmupSeconds,
                       Boolean steadyState) {
        this(round, failure, requests, errors, durationSeconds, throughputPerSec, latencyMicros, process, json, hlog,
                hgrm, loadLog, serverLog, gcLog, warmupSeconds, steadyState, null);
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
