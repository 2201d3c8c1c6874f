package io.vtnio.compare.round;

import io.vtnio.compare.report.summary.OverloadFigures;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.RoundCheck;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.loadgen.result.LoadSummary;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one run (one contestant, one round of one scenario) gave: the generator's result, the
 * server figures, or why there is none.
 *
 * @param load    the generator's {@code --json}, or null when the run failed
 * @param failure why the run gave no result, or null
 * @param note    something a reader of the result should know, or null
 * @param warmupSeconds how long the warm-up took, or null
 * @param steadyState   whether it ended on a detected steady state; null for a fixed warm-up
 * @param window        when it measured, or null when the run failed
 * @param check         whether it measured the server, or null when the run failed
 * @param overload      an overload round's figures, or null elsewhere
 */
public record RunOutcome(String server, int round, LoadSummary load, ProcessFigures process, String failure, RunFiles files,
                  String note, Double warmupSeconds, Boolean steadyState, MeasuredWindow window, RoundCheck check,
                  OverloadFigures overload) {

    RunOutcome(String server, int round, LoadSummary load, ProcessFigures process, String failure, RunFiles files,
               String note, Double warmupSeconds, Boolean steadyState) {
        this(server, round, load, process, failure, files, note, warmupSeconds, steadyState, null, null, null);
    }

    /** This outcome with other server figures. */
    RunOutcome withProcess(ProcessFigures figures) {
        return new RunOutcome(server, round, load, figures, failure, files, note, warmupSeconds, steadyState, window,
                check, overload);
    }

    public boolean succeeded() {
        return load != null;
    }

    /**
     * Whether it gave a result that counts: for every verdict, or for all but a throughput verdict
     * (a closed-loop peak whose server was not saturated still measured its CPU per request).
     */
    public boolean counts() {
        return succeeded() && (check == null || check.counts(false));
    }

    /** The report's view, with file paths relative to {@code outDir}. */
    RoundResult toRoundResult(Path outDir) {
        LoadSummary result = load;
        return new RoundResult(round, failure, result == null ? RoundResult.NO_RESULT : result.figures(), process,
                relative(outDir, files.json()), relative(outDir, files.hlog()), relative(outDir, files.hgrm()),
                relative(outDir, files.loadLog()), relative(outDir, files.serverOut()),
                relative(outDir, files.gcLog()), warmupSeconds, steadyState, check,
                result == null ? null : result.sweep(), overload);
    }

    private static String relative(Path outDir, Path file) {
        return Files.exists(file) ? outDir.relativize(file).toString() : null;
    }
}
