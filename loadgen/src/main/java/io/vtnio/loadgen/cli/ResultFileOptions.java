package io.vtnio.loadgen.cli;

import io.vtnio.loadgen.result.LoadSummary;
import io.vtnio.loadgen.result.SummaryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The result files {@code load} and {@code merge} both write, and the label they put in them:
 * {@code --json} (docs/load.md#json-summary), {@code --hgrm} (HdrHistogram's percentile distribution of
 * latency, in microseconds), {@code --label}. A picocli mixin.
 *
 * <p>Threading: filled in by picocli on the parsing thread, then used on the command's thread.
 */
final class ResultFileOptions {

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write the summary as JSON (fields: docs/load.md#json-summary).")
    Path json;

    @Option(names = "--hgrm", paramLabel = "FILE",
            description = "Write HdrHistogram's percentile distribution of latency, in microseconds.")
    Path hgrm;

    @Option(names = "--label", paramLabel = "NAME",
            description = "Name of the server under test, the 'server' field of the JSON (default: null).")
    String label;

    /**
     * Checks before a run that the files can be created, so a typo does not cost a whole run, and
     * that a label, if given, is not blank.
     *
     * @throws ParameterException naming the option
     */
    void validate(CommandLine commandLine) {
        requireDirectory(commandLine, "--json", json);
        requireDirectory(commandLine, "--hgrm", hgrm);
        if (label != null && label.isBlank()) {
            throw new ParameterException(commandLine, "--label must name the server, got '" + label + "'");
        }
    }

    static void requireDirectory(CommandLine commandLine, String option, Path file) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || Files.isDirectory(file)) {
            throw new ParameterException(commandLine, option + ": cannot write " + file
                    + (Files.isDirectory(file) ? " (a directory)" : " (no such directory)"));
        }
    }

    /** Writes whichever files were asked for. */
    void write(LoadSummary summary, Histogram latency) throws IOException {
        if (json != null) {
            SummaryJson.write(json, summary);
        }
        if (hgrm != null) {
            try (PrintStream out = new PrintStream(hgrm.toFile(), StandardCharsets.UTF_8)) {
                latency.outputPercentileDistribution(out, 1.0);
                if (out.checkError()) {
                    throw new IOException("writing " + hgrm + " failed");
                }
            }
        }
    }
}
