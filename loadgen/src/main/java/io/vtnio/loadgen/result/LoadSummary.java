package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The result of a run or of a merge, exactly the {@code --json} object of docs/load.md#json-summary (field
 * names and order), followed by fields of our own: {@code errorsByKind}, {@code processes}
 * (how many generator processes or logs it combines), {@code warmupSeconds} (how long the warm-up
 * actually lasted, the longest of merged parts) and {@code steadyState} ({@code --warmup auto}:
 * whether every part was steady when it began measuring; null for a fixed warm-up) and
 * {@code errorMessages} (the first few messages of each error kind counted, left out when there
 * were no errors, so that every count comes with its reason). Fields are
 * only ever added at the end; files written before a field existed read it as null. Also
 * written, on one line, at the end of every {@code --hlog}, so {@code merge} recovers counts a
 * histogram cannot hold, and read by {@code compare} from each generator's {@code --json}.
 *
 * <p>Threading: immutable.
 */
@JsonPropertyOrder({"tool", "version", "mode", "model", "server", "connections", "durationSeconds", "requests",
    "errors", "throughputPerSec", "targetRatePerSec", "latencyMicros", "serviceTimeMicros", "errorsByKind", "processes",
    "warmupSeconds", "steadyState", "errorMessages"})
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
        int processes,
        Double warmupSeconds,
        Boolean steadyState,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> errorMessages) {

    /** Without error messages (a merge, which has counts only). */
    public LoadSummary(String tool, String version, String mode, String model, String server, int connections,
                       double durationSeconds, long requests, long errors, double throughputPerSec,
                       Double targetRatePerSec, LatencyFigures latencyMicros, LatencyFigures serviceTimeMicros,
                       Map<String, Long> errorsByKind, int processes, Double warmupSeconds, Boolean steadyState) {
        this(tool, version, mode, model, server, connections, durationSeconds, requests, errors, throughputPerSec,
                targetRatePerSec, latencyMicros, serviceTimeMicros, errorsByKind, processes, warmupSeconds,
                steadyState, null);
    }

    /** Value of the {@code tool} field. */
    public static final String TOOL = "vtnio";

    /** Reads a {@code --json} file, ignoring fields this version does not know. */
    public static LoadSummary read(Path file) throws IOException {
        return SummaryJson.read(file);
    }
}
