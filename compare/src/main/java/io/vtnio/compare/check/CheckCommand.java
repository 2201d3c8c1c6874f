package io.vtnio.compare.check;

import io.vtnio.core.HumanDuration;
import io.vtnio.core.ManifestVersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtnio check}: holds a result file against bounds, for CI. Reads a {@code load --json}
 * file or a {@code compare} {@code summary.json}; exit code 3 when any bound fails (each failure
 * named on stdout: which result, which bound, the actual figure), 0 when all hold, 2 for bad
 * usage or a file it cannot read.
 *
 * <p>Against {@code --baseline}, a result whose file and baseline both carry two or more rounds
 * that gave a result is judged by the 95% interval of current / baseline, so the gate fails only
 * on a regression beyond the tolerance with confidence ({@code FAIL}); an interval that straddles
 * the tolerance is {@code INCONCLUSIVE} (with its noise) and passes unless {@code --strict}. With a
 * single round on either side the figures are held as points, as before, with a note saying so.
 * The absolute bounds are always points.
 *
 * <p>A baseline is any earlier result file of the same kind, kept: a {@code compare} run's
 * {@code summary.json} or a {@code load --json} file (the footer of {@code --help} shows both).
 *
 * <pre>
 * vtnio compare --out results/base &amp;&amp; cp results/base/summary.json baseline.json   # once
 * vtnio compare --out results/latest
 * vtnio check results/latest/summary.json --max-errors 0 --baseline baseline.json --tolerance 15
 * vtnio check results/latest/summary.json --baseline baseline.json --strict
 * vtnio check run.json --max-p99 5ms --min-throughput 50000
 * vtnio check sweep.json --min-capacity 40000            # a sweep run with --slo p99=5ms
 * </pre>
 *
 * <p>Threading: {@link #call} on the caller's thread.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Hold a 'load --json' file or a 'compare' summary.json against bounds, for CI: "
                + "exit 3 naming every failed bound, 0 when all hold, 2 on bad usage or an unreadable file.",
            "Against --baseline, results with 2 or more rounds on both sides fail only when the 95%% interval of "
                + "current/baseline lies wholly beyond --tolerance; an interval straddling it prints INCONCLUSIVE "
                + "with its noise and passes unless --strict. A single round on either side ('load --json', "
                + "compare --rounds 1 or --quick) is held as a point, with a note."},
        footer = {"", "A baseline is an earlier result of the same kind, kept. From compare:",
            "  ./vtnio compare --out results/base                 # once",
            "  cp results/base/summary.json baseline.json",
            "  ./vtnio compare --out results/today",
            "  ./vtnio check results/today/summary.json --baseline baseline.json",
            "From one load run (the same options both times):",
            "  ./vtnio load --port 8001 --rate 20000 --json baseline.json   # once",
            "  ./vtnio load --port 8001 --rate 20000 --json run.json",
            "  ./vtnio check run.json --baseline baseline.json --max-errors 0",
            "Exit codes: 0 every bound holds, 3 a bound failed (each named),",
            "2 bad usage or an unreadable file."})
public final class CheckCommand implements Callable<Integer> {

    /** Exit code when a bound fails (docs/check.md). */
    public static final int FAILED = 3;
    /** Exit code for bad usage and files that cannot be read. */
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUMMARY.json",
            description = "A 'load --json' file or a 'compare' summary.json.")
    private Path file;

    @Option(names = "--max-p99", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Highest allowed latency p99, e.g. 5ms.")
    private Duration maxP99;

    @Option(names = "--min-throughput", paramLabel = "N", description = "Lowest allowed requests a second.")
    private Double minThroughput;

    @Option(names = "--max-errors", paramLabel = "N",
            description = "Most errors allowed (compare: summed over rounds).")
    private Long maxErrors;

    @Option(names = "--min-capacity", paramLabel = "N",
            description = "Lowest allowed capacity at a sweep's latency objective ('load --rates ... --slo'), "
                    + "requests a second; held against every result that carries one.")
    private Double minCapacity;

    @Option(names = "--baseline", paramLabel = "BASE.json",
            description = "A result of the same shape to compare with: matching results (same scenario and server) "
                    + "must keep their throughput (open model: the share of the target rate achieved), p99 and "
                    + "a sweep's capacity at its objective within --tolerance. With 2 or more rounds on both sides a regression fails only when the "
                    + "whole 95%% interval is beyond it (see --strict); with one round on either side the figures "
                    + "are compared as points.")
    private Path baseline;

    @Option(names = "--tolerance", paramLabel = "PCT",
            description = "How many percent throughput may fall or p99 may rise against --baseline (default: 10).")
    private String tolerance;

    @Option(names = "--strict",
            description = "Against --baseline, fail (exit 3) on INCONCLUSIVE too: a change whose interval straddles "
                    + "--tolerance, so the rounds cannot tell a regression from noise. Without it those pass.")
    private boolean strict;

    @Option(names = "--scenario", split = ",", paramLabel = "NAME",
            description = "Check only these compare scenarios (e.g. echo-peak); load files match on MODE/MODEL.")
    private List<String> scenarios = new ArrayList<>();

    @Option(names = "--server", split = ",", paramLabel = "NAME", description = "Check only these servers.")
    private List<String> servers = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        double tolerancePercent = tolerancePercent();
        require(!strict || baseline != null, "--strict applies to --baseline; give both");
        require(maxP99 != null || minThroughput != null || maxErrors != null || minCapacity != null
                        || baseline != null,
                "give at least one bound: --max-p99, --min-throughput, --max-errors, --min-capacity or --baseline");
        require(minCapacity == null || (minCapacity > 0 && Double.isFinite(minCapacity)),
                "--min-capacity must be more than 0, got " + minCapacity);
        require(maxErrors == null || maxErrors >= 0, "--max-errors must be 0 or more, got " + maxErrors);
        require(maxP99 == null || !maxP99.isZero(), "--max-p99 must be more than 0");
        require(minThroughput == null || (minThroughput > 0 && Double.isFinite(minThroughput)),
                "--min-throughput must be more than 0, got " + minThroughput);
        requireFile("SUMMARY.json", file);
        if (baseline != null) {
            requireFile("--baseline", baseline);
        }
        List<CheckedResult> all;
        List<CheckedResult> base;
        try {
            all = ResultFiles.read(file);
        } catch (IOException e) {
            return unreadable("", e);
        }
        try {
            base = baseline == null ? null : ResultFiles.read(baseline);
        } catch (IOException e) {
            return unreadable("--baseline: ", e);
        }
        List<CheckedResult> results = selected(all);
        require(!results.isEmpty(), file + " holds no result" + (scenarios.isEmpty() && servers.isEmpty() ? ""
                : " for --scenario " + scenarios + " --server " + servers + "; it holds "
                + String.join(", ", all.stream().map(CheckedResult::name).toList())));
        require(minCapacity == null || results.stream().anyMatch(r -> r.capacityObjective() != null),
                "--min-capacity: " + file + " holds no capacity; a sweep with a latency objective measures one "
                        + "('load --rates ... --slo p99=5ms')");
        if (base != null) {
            long matched = results.stream().filter(r -> Bounds.match(r, results, base) != null).count();
            require(matched > 0, "--baseline " + baseline + " has no result in common with " + file);
            for (CheckedResult result : results) {
                if (Bounds.match(result, results, base) == null) {
                    out.println("note: no baseline for " + result.name());
                }
            }
            Bounds.rateMismatches(results, base).forEach(note -> out.println("note: " + note));
        }
        Outcome outcome = new Bounds(maxP99, minThroughput, maxErrors, minCapacity, tolerancePercent)
                .hold(results, base);
        outcome.notes().forEach(note -> out.println("note: " + note));
        outcome.findings().forEach(finding -> out.println(finding.line()));
        out.println(outcome.summary(strict, results.size(), file));
        out.flush();
        return outcome.failed(strict) ? FAILED : 0;
    }

    private List<CheckedResult> selected(List<CheckedResult> all) {
        return all.stream()
                .filter(r -> scenarios.isEmpty() || scenarios.contains(r.scenario()))
                .filter(r -> servers.isEmpty() || servers.contains(r.server()))
                .toList();
    }

    private double tolerancePercent() {
        if (tolerance == null) {
            return 10.0;
        }
        require(baseline != null, "--tolerance applies to --baseline; give both");
        String text = tolerance.trim();
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        try {
            double value = Double.parseDouble(text);
            require(value >= 0 && Double.isFinite(value), "--tolerance must be 0 or more percent, got " + tolerance);
            return value;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--tolerance takes a percentage such as 10 or 10%, got '"
                    + tolerance + "'");
        }
    }

    private void requireFile(String what, Path path) {
        require(Files.isRegularFile(path), what + ": " + (Files.exists(path) ? "not a file: " : "no such file: ") + path);
    }

    private int unreadable(String option, IOException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("vtnio check: " + option + e.getMessage());
        err.flush();
        return USAGE;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
