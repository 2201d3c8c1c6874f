package io.vtnio.loadgen.report;

/**
 * One round of one contestant in one scenario: the headline figures of that generator run and
 * where its files are (paths relative to the results directory; null when not written).
 *
 * @param round   1-based round number
 * @param failure         why the round gave no result, or null when it did
 * @param durationSeconds the measured time; intervals of the log after it are the drain
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
        String gcLog) {
}
