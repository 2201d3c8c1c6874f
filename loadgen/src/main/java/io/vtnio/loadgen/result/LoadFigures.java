package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The figures of one load run, exactly the {@code --json} object of docs/load.md#json-summary
 * (field names and order): the one place that schema is written down. {@link LoadSummary} (a
 * {@code load --json} file, the summary line of an interval log), a {@code compare} entry and
 * each of its rounds ({@code io.vtnio.compare.report.summary.ResultEntry}, {@code RoundResult})
 * embed it with {@code @JsonUnwrapped}, so its fields appear inline in their JSON, and
 * {@code check} reads it from all of them; a field added here appears in all of them. Fields are
 * only ever added at the end; a file written before a field existed reads it as null (or 0), and
 * {@code check} requires the figures it compares in the JSON itself rather than read a missing
 * number as 0.
 *
 * <p>Threading: immutable.
 *
 * @param tool              always {@value #TOOL}
 * @param server            the {@code --label} of the server under test, or null
 * @param targetRatePerSec  the open model's scheduled rate, or null for a closed model
 */
@JsonPropertyOrder({"tool", "version", "mode", "model", "server", "connections", "durationSeconds", "requests",
    "errors", "throughputPerSec", "targetRatePerSec", "latencyMicros", "serviceTimeMicros"})
public record LoadFigures(
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
        LatencyFigures serviceTimeMicros) {

    /** Value of the {@code tool} field. */
    public static final String TOOL = "vtnio";
}
