package io.vtnio.loadgen.cli;

import io.vtnio.loadgen.LoadgenCommand;
import io.vtnio.loadgen.result.IntervalLog;
import io.vtnio.loadgen.result.LogMerge;
import io.vtnio.loadgen.result.RecordedLog;
import io.vtnio.loadgen.text.SummaryTable;
import io.vtnio.loadgen.run.LoadConfig;
import io.vtnio.loadgen.run.Shard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code load --processes N}: runs the load as N child JVMs on this machine (the same java and
 * class path as this one), each given the user's own arguments ({@link ChildArguments}), child
 * {@code i} with {@code --shard i/N} so it drives its share of the connections and the rate and
 * writes its own interval log in a temporary directory; then merges
 * the logs ({@link LogMerge}) into one summary, exactly as {@code merge} would. Each child is a
 * process of its own, so each may hold up to the descriptor limit.
 *
 * <p>With {@code --warmup auto} each child detects the steady state on its own, from its own
 * share of the traffic (and the same {@code --server-stats} file), so their measured windows may
 * start a tick or two apart; all of them load the server throughout, warming up or not. The merged
 * {@code warmupSeconds} is the longest child's and {@code steadyState} true only if every child's was.
 *
 * <p>Children's stderr (progress, errors) is passed through, each line prefixed with the shard;
 * their summaries on stdout are shown only if a child fails oddly.
 *
 * <p>Threading: {@link #run} on the command's thread; one daemon thread per child stream.
 */
final class ProcessSplitRun {

    /** Added to the planned run time before children are presumed hung and killed. */
    private static final long SLACK_NS = TimeUnit.SECONDS.toNanos(60);

    private final List<String> userArguments;
    private final CommandSpec load;
    private final LoadOptions options;
    private final int processes;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param userArguments what the user gave {@code load}, as typed
     * @param load          {@code load}'s command spec, to read those arguments with
     * @param options       the same arguments, parsed and validated
     */
    ProcessSplitRun(List<String> userArguments, CommandSpec load, LoadOptions options, PrintWriter out,
            PrintWriter err) {
        this.userArguments = List.copyOf(userArguments);
        this.load = load;
        this.options = options;
        this.processes = options.processes();
        this.out = out;
        this.err = err;
    }

    /** Runs the children, merges their logs, reports; returns the exit code. */
    int run(LoadConfig whole) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("vtnio-load-");
        List<Process> children = new ArrayList<>();
        List<StringBuilder> outputs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        Thread killer = new Thread(() -> children.forEach(Process::destroyForcibly), "vtnio-kill-children");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            for (int i = 0; i < processes; i++) {
                Shard part = new Shard(i, processes);
                Path log = directory.resolve("shard-" + i + ".hlog");
                logs.add(log);
                ProcessBuilder builder = new ProcessBuilder(commandLine(ChildArguments.of(userArguments, load, part, log)));
                Process child = builder.start();
                child.getOutputStream().close();
                children.add(child);
                outputs.add(new StringBuilder());
                forward(child.getErrorStream(), "[shard " + part + "] ", null);
                forward(child.getInputStream(), null, outputs.get(i));
            }
            int worst = awaitAll(children, whole);
            for (int i = 0; i < children.size(); i++) {
                int code = children.get(i).exitValue();
                if (code > 1) {
                    err.println("vtnio load: shard " + i + "/" + processes + " exited with " + code + ":");
                    err.print(outputs.get(i));
                }
            }
            List<RecordedLog> recorded = new ArrayList<>();
            for (Path log : logs) {
                try {
                    recorded.add(RecordedLog.read(log));
                } catch (IOException e) {
                    err.println("vtnio load: no usable interval log from " + log.getFileName() + ": " + e.getMessage());
                    worst = Math.max(worst, 1);
                }
            }
            err.flush();
            LogMerge.Merged merged = LogMerge.merge(recorded, options.results().label);
            String title = LoadHeader.of(whole, false).replaceFirst("^vtnio load: ", "vtnio load: " + processes
                    + " processes merged, ");
            SummaryTable.print(out, title, merged.summary());
            if (options.hlog() != null) {
                try (IntervalLog log = IntervalLog.create(options.hlog(), title)) {
                    log.writeAll(merged.intervals(), merged.firstStartMs());
                    log.writeSummary(merged.summary());
                }
            }
            options.results().write(merged.summary(), merged.latency());
            return merged.summary().figures().errors() > 0 ? Math.max(worst, 1) : worst;
        } finally {
            children.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; it does the same as the line above.
            }
            deleteRecursively(directory);
        }
    }

    private int awaitAll(List<Process> children, LoadConfig whole) throws InterruptedException {
        long connectPhaseNs = whole.connectRatePerSec() > 0
                ? (long) (1e9 * whole.connections() / whole.connectRatePerSec()) : 0;
        long deadlineNs = System.nanoTime() + connectPhaseNs + whole.timeout().toNanos() * 2
                + whole.warmup().longest().toNanos() + whole.duration().toNanos() + SLACK_NS;
        int worst = 0;
        for (Process child : children) {
            if (!child.waitFor(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                err.println("vtnio load: a child process did not finish in time; killing it");
                child.destroyForcibly().waitFor();
                worst = Math.max(worst, 1);
            }
            worst = Math.max(worst, child.exitValue());
        }
        return worst;
    }

    private static List<String> commandLine(List<String> arguments) {
        List<String> line = new ArrayList<>();
        line.add(javaExecutable());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Debuggers and agents bind ports or files of their own; a child must not inherit them.
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
                line.add(option);
            }
        }
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(LoadgenCommand.class.getName());
        line.addAll(arguments);
        return line;
    }

    /** The launcher's java if it told us, else this JVM's own executable. */
    static String javaExecutable() {
        String fromLauncher = System.getProperty("vtnio.java");
        if (fromLauncher != null && !fromLauncher.isBlank()) {
            return fromLauncher;
        }
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Copies lines of {@code stream} to stderr with {@code prefix}, or into {@code capture}. */
    private void forward(InputStream stream, String prefix, StringBuilder capture) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (capture != null) {
                        synchronized (capture) {
                            capture.append(line).append('\n');
                        }
                    } else {
                        synchronized (err) {
                            err.println(prefix + line);
                            err.flush();
                        }
                    }
                }
            } catch (IOException ignored) {
                // The child is gone; whatever it still had to say is lost with it.
            }
        }, "vtnio-child-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
