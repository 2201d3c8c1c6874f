package io.vtnio.compare.report.summary;

import java.util.List;

/**
 * What {@code compare --scaling} ran and found, as {@code summary.json} holds it (field
 * {@code scaling}): the steps of server CPUs, what every contestant and the generator had at
 * each, and one point per scenario, contestant and step for the charts against cores.
 *
 * @param explanation which steps ran and why no more, e.g. {@code this machine allows only 1 server CPU: ...}
 * @param scenarios   the scenarios run at every step, e.g. {@code echo-peak}, {@code backend}
 * @param steps       one per server CPU count, ascending
 * @param points      the medians of every scenario, contestant and step
 */
public record ScalingInfo(String explanation, List<String> scenarios, List<Step> steps, List<Point> points) {

    public ScalingInfo {
        scenarios = List.copyOf(scenarios);
        steps = List.copyOf(steps);
        points = List.copyOf(points);
    }

    /**
     * One step.
     *
     * @param serverCpus  the server's CPU count
     * @param cpuPlan     how the CPUs were shared at this step
     * @param contestants what each contestant had and was told
     */
    public record Step(int serverCpus, CpuPlanInfo cpuPlan, List<ContestantInfo> contestants) {

        public Step {
            contestants = List.copyOf(contestants);
        }
    }

    /**
     * One contestant in one scenario at one step.
     *
     * @param scenario            the scenario, e.g. {@code echo-peak}
     * @param server              the contestant
     * @param serverCpus          the step
     * @param resultScenario      the name of its entry in {@code results}, e.g. {@code echo-peak-2cpu}
     * @param throughputPerSec    median requests a second, or null when no round gave a result
     * @param cpuMicrosPerRequest median server CPU time per request, or null when not measured
     */
    public record Point(String scenario, String server, int serverCpus, String resultScenario, Double throughputPerSec,
                        Double cpuMicrosPerRequest) {
    }

    /** The points of one scenario and contestant, ascending by server CPUs. */
    public List<Point> points(String scenario, String server) {
        return points.stream().filter(p -> p.scenario().equals(scenario) && p.server().equals(server))
                .sorted(java.util.Comparator.comparingInt(Point::serverCpus)).toList();
    }
}
