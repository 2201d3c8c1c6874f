package io.vtnio.loadgen.cli;

import io.vtnio.core.HumanDuration;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.loadgen.result.IntervalLog;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LoadFigures;
import io.vtnio.loadgen.result.LoadSummary;
import io.vtnio.loadgen.result.LogMerge;
import io.vtnio.loadgen.text.SummaryTable;
import io.vtnio.loadgen.run.LoadConfig;
import io.vtnio.loadgen.run.LoadRun;
import io.vtnio.loadgen.run.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtnio load}: drives load against any server that speaks the vtnio protocol, verifies
 * every reply, and reports latency free of coordinated omission (docs/load.md). Exit codes:
 * 0 ok, 1 errors or a target that cannot be reached, 2 bad usage.
 *
 * <pre>
 * vtnio load --port 8001 --connections 1000 --duration 10s                # closed model
 * vtnio load --port 8001 --connections 1000 --rate 50000 --hlog run.hlog  # open model
 * vtnio load --mode chat --publishers 4 --rate 2000 --connections 200
 * vtnio load --mode hello --rate 5000
 * vtnio load --port 8001 --warmup auto --server-stats server.out                  # measure once steady
 * </pre>
 *
 * <p>The flags and their validation live in {@link LoadOptions}; this class runs what they
 * configure and writes the results.
 *
 * <p>Threading: {@link #call} on the caller's thread, which becomes the run's reporter.
 */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Drive load against a server that speaks the vtnio protocol, verify every reply, "
                + "and report latency (microseconds, HdrHistogram).",
            "Closed model without --rate; open model (latency from the scheduled send, as wrk2) with it."})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LoadOptions options = new LoadOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadConfig config = options.toConfig();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (options.waitForServer() != null) {
            InetSocketAddress target = config.addresses().targets().getFirst();
            if (!ServerWait.accepts(target, options.waitForServer())) {
                err.println("vtnio load: no server accepted a connection at " + target.getHostString() + ":"
                        + target.getPort() + " within " + HumanDuration.format(options.waitForServer()));
                err.flush();
                return 1;
            }
        }
        if (options.processes() > 1) {
            List<String> typed = spec.commandLine().getParseResult().expandedArgs();
            return new ProcessSplitRun(typed, spec, options, out, err).run(config);
        }
        IntervalLog log = options.hlog() == null ? null : openLog(options.hlog(), LoadHeader.of(config));
        RunResult result = new LoadRun(config, err, log).execute();
        LoadSummary summary = summarize(config, result);
        if (result.abortMessage() != null) {
            err.println("vtnio load: " + result.abortMessage());
            err.flush();
        }
        SummaryTable.print(out, LoadHeader.of(config), summary);
        if (log != null) {
            log.writeSummary(summary);
            log.close();
        }
        options.results().write(summary, result.latency());
        return summary.figures().errors() > 0 || result.abortMessage() != null ? 1 : 0;
    }

    private IntervalLog openLog(Path file, String description) {
        try {
            return IntervalLog.create(file, description);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--hlog: cannot write " + file + ": " + e.getMessage());
        }
    }

    LoadSummary summarize(LoadConfig config, RunResult result) {
        long requests = result.latency().getTotalCount();
        double seconds = result.measuredSeconds();
        Map<String, Long> byKind = new LinkedHashMap<>();
        result.errors().byKind().forEach((kind, count) -> byKind.put(kind.jsonName(), count));
        return new LoadSummary(new LoadFigures(LoadFigures.TOOL, ManifestVersionProvider.version(), config.modeName(),
                config.modelName(), config.label(), config.connections(), LogMerge.round(seconds), requests,
                result.errors().total(), LogMerge.round(seconds > 0 ? result.repliesInWindow() / seconds : 0.0),
                config.targetRatePerSec() == null || config.sweep() != null || config.phases() != null ? null
                        : LogMerge.round(config.targetRatePerSec()),
                LatencyFigures.of(result.latency()), LatencyFigures.of(result.service())), byKind, 1,
                Math.round(result.warmupSeconds() * 100.0) / 100.0, result.steadyState(),
                result.errors().messagesByKind(), result.sweep(), result.phases());
    }

    /** The flags as parsed; {@link LoadOptions#toConfig} turns them into a run. */
    public LoadOptions options() {
        return options;
    }
}
