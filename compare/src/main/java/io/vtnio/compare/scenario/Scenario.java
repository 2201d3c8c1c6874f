package io.vtnio.compare.scenario;

import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.launch.ServerFlags;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.core.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload every contestant gets in turn: the server flags it needs, the generator's flags,
 * and whether to probe memory per connection while it runs.
 *
 * @param name         stable name, e.g. {@code echo-peak}
 * @param title        short human title
 * @param description  what it measures and why, for the report
 * @param serverFlags  mode and work every contestant runs with
 * @param loadArgs     the generator's flags besides target and result files
 * @param unit         what one request is: {@code reply}, {@code delivery} or {@code connection}
 * @param connections  connections the generator opens
 * @param warmup       generator warm-up: until steady, or fixed
 * @param duration     measured time
 * @param probesMemory whether to measure the server's memory with and without the connections; such a
 *                     scenario first warms the server with echo traffic ({@code warmup}), then holds its
 *                     connections through a fixed warm-up long enough for the memory probe
 * @param idleWarmup   the fixed warm-up of a scenario that probes memory (its memory is measured in it)
 */
public record Scenario(String name, String title, String description, ServerFlags serverFlags, List<String> loadArgs,
                String unit, int connections, WarmupPlan warmup, Duration duration, boolean probesMemory,
                Duration idleWarmup) {

    public Scenario {
        loadArgs = List.copyOf(loadArgs);
    }

    /**
     * Whether this scenario measures a closed loop's peak: no rate fixes the load and the server
     * does no work of its own per message, so its throughput is the server's only when the server's
     * CPUs were saturated ({@code echo-peak}, {@code churn}; not {@code backend}, whose server waits).
     */
    public boolean closedPeak() {
        return !loadArgs.contains("--rate") && !sweeps() && !overloads() && "none".equals(serverFlags.work())
                && !probesMemory;
    }

    /** Whether the generator runs a timetable of rates ({@code --phases}): an overload scenario. */
    public boolean overloads() {
        return loadArgs.contains("--phases");
    }

    /** Whether the generator sweeps offered load ({@code --sweep}): the capacity scenario. */
    public boolean sweeps() {
        return loadArgs.contains("--sweep");
    }

    /**
     * How many warm-ups and measured windows one run has at most: a sweep's steps
     * ({@code --sweep FROM:TO:STEPS}) and bisections ({@code --refine}), else one.
     */
    public int windows() {
        int sweep = loadArgs.indexOf("--sweep");
        if (sweep < 0) {
            return 1;
        }
        int refine = loadArgs.indexOf("--refine");
        return Integer.parseInt(loadArgs.get(sweep + 1).split(":")[2])
                + (refine < 0 ? 3 : Integer.parseInt(loadArgs.get(refine + 1)));
    }

    /** The generator's flags: connections, duration, then the scenario's own (warm-up flags come per run). */
    static List<String> loadArgs(int connections, Duration duration, String... more) {
        List<String> args = new ArrayList<>(List.of("--connections", Integer.toString(connections),
                "--duration", HumanDuration.format(duration)));
        args.addAll(List.of(more));
        return args;
    }

    /**
     * This scenario as one step of {@code --scaling}: the same workload, named for the server's
     * CPU count ({@code echo-peak-2cpu}) so that each step has its own results and files.
     */
    public Scenario atServerCpus(int cpus) {
        return new Scenario(scaledName(name, cpus), title + ", " + CpuPlan.plural(cpus, "server CPU"),
                description + " One step of --scaling: the server on " + CpuPlan.plural(cpus, "CPU") + ".",
                serverFlags, loadArgs, unit, connections, warmup, duration, probesMemory, idleWarmup);
    }

    /** The name of {@code scenario} at a step of {@code --scaling}: {@code echo-peak-2cpu}. */
    public static String scaledName(String scenario, int cpus) {
        return scenario + "-" + cpus + "cpu";
    }

    public ScenarioInfo info() {
        String warmupFlags = probesMemory ? "--warmup " + HumanDuration.format(idleWarmup) + " (after echo traffic, "
                + "warm-up " + warmup.describe() + ")" : "--warmup " + warmup.describe();
        return new ScenarioInfo(name, title, description, serverFlags.describe(),
                String.join(" ", loadArgs) + " " + warmupFlags, unit);
    }
}
