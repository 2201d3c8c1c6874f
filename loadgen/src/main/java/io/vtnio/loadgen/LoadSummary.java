package io.vtnio.loadgen;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The result of a run or of a merge, exactly the {@code --json} object of SPEC section 6 (field
 * names and order), followed by fields of our own: {@code errorsByKind} and {@code processes}
 * (how many generator processes or logs it combines). Also written, on one line, at the end of
 * every {@code --hlog}, so {@code merge} recovers counts a histogram cannot hold.
 *
 * <p>Threading: immutable.
 */
@JsonPropertyOrder({"tool", "version", "mode", "model", "server", "connections", "durationSeconds", "requests",
    "errors", "throughputPerSec", "targetRatePerSec", "latencyMicros", "serviceTimeMicros", "errorsByKind", "processes"})
record LoadSummary(
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
        LatencyStats latencyMicros,
        LatencyStats serviceTimeMicros,
        Map<String, Long> errorsByKind,
        int processes) {

    /** Value of the {@code tool} field. */
    static final String TOOL = "vtnio";
}
