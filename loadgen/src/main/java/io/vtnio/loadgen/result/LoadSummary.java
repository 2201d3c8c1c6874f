package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The result of a run or of a merge: the {@link LoadFigures} of docs/load.md#json-summary, inline
 * ({@code @JsonUnwrapped}), followed by fields of our own: {@code errorsByKind}, {@code processes}
 * (how many generator processes or logs it combines), {@code warmupSeconds} (how long the warm-up
 * actually lasted, the longest of merged parts) and {@code steadyState} ({@code --warmup auto}:
 * whether every part was steady when it began measuring; null for a fixed warm-up) and
 * {@code errorMessages} (the first few messages of each error kind counted, left out when there
 * were no errors, so that every count comes with its reason) and {@code sweep} (a sweep's
 * {@link SweepResult}: per step, and the capacity at {@code --slo}; left out of a run at one
 * rate, whose top-level figures are then the union of the steps' windows) and {@code phases}
 * (a run on a timetable of rates, {@code --phases}: its {@link PhasesResult}). Fields are
 * only ever added at the end; files written before a field existed read it as null. Also
 * written, on one line, at the end of every {@code --hlog}, so {@code merge} recovers counts a
 * histogram cannot hold, and read by {@code compare} from each generator's {@code --json}.
 *
 * <p>Threading: immutable.
 */
@JsonPropertyOrder({"figures", "errorsByKind", "processes", "warmupSeconds", "steadyState", "errorMessages", "sweep",
    "phases"})
public record LoadSummary(
        @JsonUnwrapped LoadFigures figures,
        Map<String, Long> errorsByKind,
        int processes,
        Double warmupSeconds,
        Boolean steadyState,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> errorMessages,
        @JsonInclude(JsonInclude.Include.NON_NULL) SweepResult sweep,
        @JsonInclude(JsonInclude.Include.NON_NULL) PhasesResult phases) {

    /** A run or a sweep: no timetable of rates. */
    public LoadSummary(LoadFigures figures, Map<String, Long> errorsByKind, int processes, Double warmupSeconds,
                       Boolean steadyState, Map<String, List<String>> errorMessages, SweepResult sweep) {
        this(figures, errorsByKind, processes, warmupSeconds, steadyState, errorMessages, sweep, null);
    }

    /** Without error messages (a merge, which has counts only). */
    public LoadSummary(LoadFigures figures, Map<String, Long> errorsByKind, int processes, Double warmupSeconds,
                       Boolean steadyState) {
        this(figures, errorsByKind, processes, warmupSeconds, steadyState, null, null);
    }

    /** This summary with another sweep (its steps refigured). */
    public LoadSummary withSweep(SweepResult refigured) {
        return new LoadSummary(figures, errorsByKind, processes, warmupSeconds, steadyState, errorMessages, refigured,
                phases);
    }

    /** A run at one rate, with its error messages. */
    public LoadSummary(LoadFigures figures, Map<String, Long> errorsByKind, int processes, Double warmupSeconds,
                       Boolean steadyState, Map<String, List<String>> errorMessages) {
        this(figures, errorsByKind, processes, warmupSeconds, steadyState, errorMessages, null);
    }

    /** Reads a {@code --json} file, ignoring fields this version does not know. */
    public static LoadSummary read(Path file) throws IOException {
        return SummaryJson.read(file);
    }
}
