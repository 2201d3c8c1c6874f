package io.vtnio.compare.scenario;

import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.probe.CpuPinning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server CPU counts {@code compare --scaling} runs at: 1, 2, 4, ... up to the most the
 * machine allows, and that most itself when it is not a power of two (12 CPUs: 1, 2, 4, 6). The
 * most is {@link CpuPlan#defaultServerCpus}: half the allowed CPUs, so at every step the generator
 * keeps at least as many CPUs as the server and the curve shows the server's scaling, not the
 * generator running out. Each step is a whole {@link CpuPlan} with that {@code --server-cpus}.
 *
 * <p>Threading: immutable.
 */
public final class ScalingSteps {

    private final List<CpuPlan> plans;
    private final String explanation;

    private ScalingSteps(List<CpuPlan> plans, String explanation) {
        this.plans = List.copyOf(plans);
        this.explanation = explanation;
    }

    /** The server CPU counts for a machine that allows {@code cpus} CPUs. */
    static List<Integer> serverCounts(int cpus) {
        int most = CpuPlan.defaultServerCpus(cpus);
        List<Integer> counts = new ArrayList<>();
        for (int n = 1; n <= most; n *= 2) {
            counts.add(n);
        }
        if (counts.getLast() != most) {
            counts.add(most);
        }
        return counts;
    }

    /** One plan per step, for a machine as {@link CpuPlan#of} takes it. */
    public static ScalingSteps of(List<Integer> allowed, String taskset, boolean pin) {
        List<CpuPlan> plans = serverCounts(allowed.size()).stream().map(n -> CpuPlan.of(allowed, taskset, pin, n))
                .toList();
        return new ScalingSteps(plans, explain(plans));
    }

    /** This machine's steps, each as {@link CpuPlan#detect} plans it. */
    public static ScalingSteps detect(boolean pin) {
        int cpus = CpuPlan.detect(pin, null).allowed().size();
        List<CpuPlan> plans = serverCounts(cpus).stream().map(n -> CpuPlan.detect(pin, n)).toList();
        return new ScalingSteps(plans, explain(plans));
    }

    private static String explain(List<CpuPlan> plans) {
        CpuPlan last = plans.getLast();
        int cpus = last.allowed().size();
        String machine = String.format(Locale.ROOT, "this process may use %s (%s)", CpuPlan.plural(cpus, "CPU"),
                CpuPinning.ranges(last.allowed()));
        if (plans.size() == 1) {
            String why = cpus == 1 ? ", which server and generator share"
                    : " and the generator keeps at least as many CPUs as the server";
            return "this machine allows only 1 server CPU: " + machine + why + "; the scaling charts have one point "
                    + "per contestant";
        }
        List<String> counts = plans.stream().map(p -> Integer.toString(p.serverCpuCount())).toList();
        return "server CPUs " + String.join(", ", counts) + ": " + machine + " and the generator keeps at least as "
                + "many CPUs as the server" + (last.pinned() ? "" : "; not pinned, so the servers are only told the "
                + "count and share every CPU with the generator");
    }

    public List<CpuPlan> plans() {
        return plans;
    }

    /** Which steps run and why no more, e.g. {@code this machine allows only 1 server CPU: ...}. */
    public String explanation() {
        return explanation;
    }
}
