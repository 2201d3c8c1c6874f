package io.vtnio.loadgen;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vtnio.loadgen.report.LatencyFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The result of a run or of a merge, exactly the {@code --json} object of SPEC section 6 (field
 * names and order), followed by fields of our own: {@code errorsByKind} and {@code processes}
 * (how many generator processes or logs it combines). Also written, on one line, at the end of
 * every {@code --hlog}, so {@code merge} recovers counts a histogram cannot hold, and read by
 * {@code compare} from each generator's {@code --json}.
 *
 * <p>Threading: immutable.
 */
@JsonPropertyOrder({"tool", "version", "mode", "model", "server", "connections", "durationSeconds", "requests",
    "errors", "throughputPerSec", "targetRatePerSec", "latencyMicros", "serviceTimeMicros", "errorsByKind", "processes"})
public record LoadSummary(
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
        Map<String, Long> errorsByKind,
        int processes) {

    /** Value of the {@code tool} field. */
    static final String TOOL = "vtnio";

    /** Reads a {@code --json} file, ignoring fields this version does not know. */
    public static LoadSummary read(Path file) throws IOException {
        return SummaryJson.read(file);
    }
}
