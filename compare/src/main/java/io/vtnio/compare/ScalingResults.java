package io.vtnio.compare;

import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.launch.JavaLaunch;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.ScalingInfo;
import io.vtnio.compare.scenario.ScalingSteps;
import io.vtnio.compare.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers what {@code compare --scaling} found into a {@link ScalingInfo}: per step the CPU plan
 * and what each contestant was told, and per scenario, contestant and step the median requests a
 * second and server CPU time per request, read from the results of the step's scenarios
 * ({@link Scenario#scaledName}).
 *
 * <p>Threading: stateless.
 */
final class ScalingResults {

    private ScalingResults() {
    }

    static ScalingInfo of(ScalingSteps steps, List<Contestant> contestants, JavaLaunch java,
                          List<ResultEntry> results) {
        List<ScalingInfo.Step> stepInfos = new ArrayList<>();
        List<ScalingInfo.Point> points = new ArrayList<>();
        for (CpuPlan step : steps.plans()) {
            int cpus = step.serverCpuCount();
            stepInfos.add(new ScalingInfo.Step(cpus, step.info(), ContestantInfos.of(contestants, java, step)));
            for (String scenario : Comparison.SCALING_SCENARIOS) {
                String name = Scenario.scaledName(scenario, cpus);
                for (Contestant contestant : contestants) {
                    ResultEntry entry = results.stream()
                            .filter(r -> r.scenario().equals(name) && r.figures().server().equals(contestant.name()))
                            .findFirst().orElse(null);
                    boolean measured = entry != null && entry.measured();
                    points.add(new ScalingInfo.Point(scenario, contestant.name(), cpus, name,
                            measured ? entry.figures().throughputPerSec() : null,
                            measured ? entry.process().cpuMicrosPerRequest() : null));
                }
            }
        }
        return new ScalingInfo(steps.explanation(), Comparison.SCALING_SCENARIOS, stepInfos, points);
    }
}
