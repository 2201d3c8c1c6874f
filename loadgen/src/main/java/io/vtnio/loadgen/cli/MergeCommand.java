package io.vtnio.loadgen.cli;

import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.loadgen.result.LogMerge;
import io.vtnio.loadgen.result.RecordedLog;
import io.vtnio.loadgen.text.SummaryTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtnio merge FILE.hlog...}: combines the interval logs of generator processes or
 * machines that ran at the same time into one summary, without loss (histograms add bucket by
 * bucket; counts add up exactly). Reads logs of either form (latency untagged, or tagged
 * {@code latency} as older versions wrote it). Exit codes: 0 ok, 1 the merged runs had errors or a
 * log is unreadable, 2 bad usage (a file that does not exist or is not an interval log, such as a
 * {@code --json} summary).
 *
 * <pre>
 * vtnio merge pod-*.hlog --json summary.json --hgrm latency.hgrm
 * </pre>
 *
 * <p>Threading: runs on the caller's thread.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Combine HdrHistogram interval logs (load --hlog) of generators that ran side by side.")
public final class MergeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.hlog", description = "Interval logs written by load --hlog.")
    private List<Path> files = new ArrayList<>();

    @Mixin
    private ResultFileOptions results = new ResultFileOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        results.validate(spec.commandLine());
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + file);
            }
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), file + " is not a file");
            }
            String notALog = RecordedLog.notAnIntervalLog(file);
            if (notALog != null) {
                throw new ParameterException(spec.commandLine(), file + " is not an HdrHistogram interval log ("
                        + notALog + "); give the --hlog files of load");
            }
        }
        List<RecordedLog> logs = new ArrayList<>();
        for (Path file : files) {
            try {
                logs.add(RecordedLog.read(file));
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "no such file: " + file);
            } catch (IOException e) {
                err.println("vtnio merge: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        for (RecordedLog log : logs) {
            if (log.summary() == null) {
                err.println("vtnio merge: " + log.file() + " has no vtnio summary line (another tool's log, or a run "
                        + "that did not finish): its errors and connections are unknown, its duration is its intervals' span");
            }
        }
        err.flush();
        LogMerge.Merged merged = LogMerge.merge(logs, results.label);
        SummaryTable.print(out, "vtnio merge: " + files.size() + (files.size() == 1 ? " log, " : " logs, ")
                + merged.summary().processes() + (merged.summary().processes() == 1 ? " process" : " processes"),
                merged.summary());
        results.write(merged.summary(), merged.latency());
        return merged.summary().figures().errors() > 0 ? 1 : 0;
    }
}
