package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Everything {@code compare} writes to {@code summary.json}, and all that
 * {@link io.vtnio.compare.report.HtmlReport} draws from (besides the interval logs it names). {@code results} holds one docs/load.md#json-summary
 * object per server and scenario; {@code check} reads it.
 *
 * @param kind          always {@code compare}, so readers can tell this file from a {@code load --json} one
 * @param commandLine   the command as typed, e.g. {@code vtnio compare --quick}
 * @param order         the order of runs within each scenario, e.g. {@code vt nio vt nio vt nio}
 * @param jvmOptions    JVM options every built-in server got
 * @param pinning       how server and generator were kept apart, e.g.
 *                      {@code server on CPU 1, generator on CPU 0 (taskset)}, or why they were not
 * @param notes         anything a reader should know: reduced sizes, failed runs
 * @param roundsAuto    whether rounds were added until each verdict was decided or the time ran out
 *                      ({@code --rounds auto}); {@code rounds} is then the most any scenario ran
 * @param thresholdPct  the practical threshold of the verdicts, in percent
 * @param verdicts      per scenario and contestant after the first, the verdict on the deciding figure
 * @param noise         what the machine's noise probe saw before, between and after the scenarios, or null
 * @param cpuPlan       how the CPUs were shared and what the generator was told, or null (older files, and
 *                      {@code --scaling}, whose steps each have their own in {@code scaling})
 * @param scaling       what {@code --scaling} ran and found, or null without it
 */
@JsonPropertyOrder({"tool", "kind", "version", "startedAt", "wallSeconds", "commandLine", "rounds", "order",
    "contestants", "jvmOptions", "pinning", "machine", "scenarios", "results", "notes", "roundsAuto", "thresholdPct",
    "verdicts", "noise", "cpuPlan", "scaling"})
public record CompareSummary(
        String tool,
        String kind,
        String version,
        String startedAt,
        double wallSeconds,
        String commandLine,
        int rounds,
        String order,
        List<ContestantInfo> contestants,
        String jvmOptions,
        String pinning,
        MachineInfo machine,
        List<ScenarioInfo> scenarios,
        List<ResultEntry> results,
        List<String> notes,
        boolean roundsAuto,
        double thresholdPct,
        List<ScenarioVerdict> verdicts,
        MachineNoise noise,
        CpuPlanInfo cpuPlan,
        ScalingInfo scaling) {

    public static final String KIND = "compare";

    /** A summary without the CPU plan and scaling fields. */
    public CompareSummary(String tool, String kind, String version, String startedAt, double wallSeconds,
                          String commandLine, int rounds, String order, List<ContestantInfo> contestants,
                          String jvmOptions, String pinning, MachineInfo machine, List<ScenarioInfo> scenarios,
                          List<ResultEntry> results, List<String> notes, boolean roundsAuto, double thresholdPct,
                          List<ScenarioVerdict> verdicts, MachineNoise noise) {
        this(tool, kind, version, startedAt, wallSeconds, commandLine, rounds, order, contestants, jvmOptions, pinning,
                machine, scenarios, results, notes, roundsAuto, thresholdPct, verdicts, noise, null, null);
    }

    public CompareSummary {
        contestants = List.copyOf(contestants);
        scenarios = List.copyOf(scenarios);
        results = List.copyOf(results);
        notes = List.copyOf(notes);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }

    /** The verdicts of {@code scenario}, one per contestant after the first. */
    public List<ScenarioVerdict> verdicts(String scenario) {
        return verdicts.stream().filter(v -> v.scenario().equals(scenario)).toList();
    }

    /** The entry of {@code server} in {@code scenario}, or null. */
    public ResultEntry result(String scenario, String server) {
        for (ResultEntry entry : results) {
            if (entry.scenario().equals(scenario) && entry.figures().server().equals(server)) {
                return entry;
            }
        }
        return null;
    }

    /** Contestant names in table order. */
    public List<String> serverNames() {
        return contestants.stream().map(ContestantInfo::name).toList();
    }
}
