package io.vtnio.compare.launch;

import io.vtnio.compare.probe.CpuPinning;
import io.vtnio.compare.probe.ProcFs;
import io.vtnio.compare.report.summary.CpuPlanInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which CPUs the server and the generator get, and what every contestant is told about them, so
 * that a comparison measures concurrency models and not core counts. The rule:
 * <ul>
 *   <li>Pinned (taskset found, at least two CPUs allowed, no {@code --no-pin}): the server gets
 *       the last {@code N} of the allowed CPUs and the generator the rest, disjoint. {@code N} is
 *       {@code --server-cpus}, else half the CPUs rounded down (at least 1), so the generator
 *       never has fewer CPUs than the server: in a closed echo loop it does as many reads and
 *       writes per request as the server does, and a smaller generator would measure itself.
 *   <li>Not pinned (no taskset, {@code --no-pin}, or one CPU): server and generator share every
 *       allowed CPU, and the server is told all of them ({@code --server-cpus} may lower that):
 *       nothing confines it to fewer, and a server told fewer would leave CPUs idle that the
 *       other contestants' defaults would use.
 *   <li>Every contestant is told the server's count {@code N}: {@code nio} gets {@code --loops N},
 *       {@code vt} the JVM option {@code -Djdk.virtualThreadScheduler.parallelism=N}, {@code pt}
 *       nothing (one platform thread per connection; the kernel spreads them over the CPUs), a
 *       command gets {@code N} for {@code {cpus}}. The generator gets {@code --threads M}, its CPU
 *       count (all CPUs when not pinned).
 * </ul>
 * {@link #of} is pure, for tests on pretend machines; {@link #detect} reads this machine.
 *
 * <p>Threading: immutable.
 */
public final class CpuPlan {

    /** The virtual-thread scheduler's parallelism: how many carrier threads run virtual threads at once. */
    static final String VT_PARALLELISM = "-Djdk.virtualThreadScheduler.parallelism=";

    private final List<Integer> allowed;
    private final CpuPinning pinning;
    private final int serverCpuCount;
    private final int generatorThreads;
    private final String description;

    private CpuPlan(List<Integer> allowed, CpuPinning pinning, int serverCpuCount, int generatorThreads,
                    String description) {
        this.allowed = List.copyOf(allowed);
        this.pinning = pinning;
        this.serverCpuCount = serverCpuCount;
        this.generatorThreads = generatorThreads;
        this.description = description;
    }

    /** This machine's plan: the CPUs of {@code /proc/self/status}, {@code taskset} from the PATH. */
    public static CpuPlan detect(boolean pin, Integer serverCpus) {
        List<Integer> allowed = CpuPinning.parseCpuList(ProcFs.allowedCpus());
        if (allowed.isEmpty()) {
            // No /proc: the count is known, the numbers are not, so taskset could pin to CPUs that do not exist.
            List<Integer> assumed = new ArrayList<>();
            for (int cpu = 0; cpu < Runtime.getRuntime().availableProcessors(); cpu++) {
                assumed.add(cpu);
            }
            return shared(assumed, serverCpus, "not pinned: the CPUs this process may use are unknown (no /proc)");
        }
        return of(allowed, CpuPinning.findOnPath("taskset"), pin, serverCpus);
    }

    /**
     * The plan for a machine.
     *
     * @param allowed    the CPUs this process may use, ascending, at least one (Linux's {@code Cpus_allowed_list})
     * @param taskset    the path of {@code taskset}, or null when there is none
     * @param pin        false for {@code --no-pin}
     * @param serverCpus {@code --server-cpus}, or null for the default
     * @throws IllegalArgumentException when {@code serverCpus} does not fit the machine; the message says why
     */
    public static CpuPlan of(List<Integer> allowed, String taskset, boolean pin, Integer serverCpus) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("no CPU allowed");
        }
        if (!pin) {
            return shared(allowed, serverCpus, "not pinned (--no-pin)");
        }
        if (taskset == null) {
            return shared(allowed, serverCpus, "not pinned: taskset not found");
        }
        if (allowed.size() < 2) {
            return shared(allowed, serverCpus, "not pinned: only 1 CPU");
        }
        int most = allowed.size() - 1;
        if (serverCpus != null && (serverCpus < 1 || serverCpus > most)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--server-cpus must be %s here, got %d: "
                    + "this process may use %d CPUs (%s) and the generator needs at least one of them",
                    range(most), serverCpus, allowed.size(), CpuPinning.ranges(allowed)));
        }
        int server = serverCpus != null ? serverCpus : defaultServerCpus(allowed.size());
        List<Integer> generatorCpus = allowed.subList(0, allowed.size() - server);
        List<Integer> serverList = allowed.subList(allowed.size() - server, allowed.size());
        CpuPinning pinning = CpuPinning.of(taskset, generatorCpus, serverList);
        return new CpuPlan(allowed, pinning, server, generatorCpus.size(), "server on "
                + CpuPinning.describe(serverList) + ", generator on " + CpuPinning.describe(generatorCpus) + " (taskset)");
    }

    /** Half of {@code cpus} rounded down, at least 1: the generator keeps at least as many as the server. */
    public static int defaultServerCpus(int cpus) {
        return Math.max(1, cpus / 2);
    }

    private static CpuPlan shared(List<Integer> allowed, Integer serverCpus, String why) {
        int all = allowed.size();
        if (serverCpus != null && (serverCpus < 1 || serverCpus > all)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--server-cpus must be %s here, got %d: "
                    + "this process may use %d CPU%s (%s)", range(all), serverCpus, all, all == 1 ? "" : "s",
                    CpuPinning.ranges(allowed)));
        }
        int server = serverCpus != null ? serverCpus : all;
        String share = all == 1 ? "server and generator share it" : "server and generator share all " + all + " CPUs";
        String told = server == all ? "" : ", servers told " + server;
        return new CpuPlan(allowed, CpuPinning.none(), server, all, why + ", " + share + told);
    }

    /** {@code 1} or {@code 1..most}: the counts {@code --server-cpus} may take. */
    private static String range(int most) {
        return most == 1 ? "1" : "1.." + most;
    }

    /** What {@code contestant} is given and told. */
    public CpuAllotment allotment(Contestant contestant) {
        int n = serverCpuCount;
        if (contestant.builtIn() == null) {
            boolean told = contestant.template().contains(Contestant.CPUS);
            return new CpuAllotment(n, List.of(), List.of(), told ? n : null,
                    told ? Contestant.CPUS + "=" + n : "not told (no " + Contestant.CPUS + ")");
        }
        return switch (contestant.builtIn()) {
            // maxPoolSize stays at the JDK's default (max(parallelism, 256)) on purpose: it does not add
            // parallelism, it bounds the carriers the scheduler may add for a while to make up for one that a
            // virtual thread holds while blocked in a way it cannot unmount from (file I/O, Object.wait, a
            // native frame). Capping it at N would turn such a wait into a stall no real deployment has, and
            // the extra carriers cannot use more CPUs than taskset gives the server anyway.
            case VT -> new CpuAllotment(n, List.of(VT_PARALLELISM + n), List.of(), null, plural(n, "carrier"));
            case NIO -> new CpuAllotment(n, List.of(), List.of("--loops", Integer.toString(n)), null,
                    plural(n, "loop"));
            case PT -> new CpuAllotment(n, List.of(), List.of(), null, "thread per connection");
            // Helidon's virtual threads run on the JDK's scheduler, told exactly as vt's are.
            case HELIDON -> new CpuAllotment(n, List.of(VT_PARALLELISM + n), List.of(), null, plural(n, "carrier"));
            case NETTY -> new CpuAllotment(n, List.of(), List.of("--threads", Integer.toString(n)), null,
                    plural(n, "event loop"));
        };
    }

    /** The generator's flags that tell it its CPUs: {@code --threads M}. */
    List<String> generatorArgs() {
        return List.of("--threads", Integer.toString(generatorThreads));
    }

    /** {@code command} run on the server's CPUs. */
    public List<String> server(List<String> command) {
        return pinning.server(command);
    }

    /** The generator, {@code vtnio load ARGS --threads M}, on the generator's CPUs. */
    public List<String> generator(JavaLaunch java, List<String> loadArgs) {
        List<String> args = new ArrayList<>(loadArgs);
        args.addAll(generatorArgs());
        return pinning.generator(java.generator(args));
    }

    /** For one-line descriptions: {@code 1 CPU (CPU 1)}, or {@code 2 CPUs shared with the generator}. */
    public String serverCpusText() {
        if (pinned()) {
            return plural(serverCpuCount, "CPU") + " (" + CpuPinning.describe(pinning.serverCpus()) + ")";
        }
        return serverCpuCount == allowed.size() ? plural(allowed.size(), "CPU") + " shared with the generator"
                : serverCpuCount + " of " + plural(allowed.size(), "CPU") + " shared with the generator";
    }

    /** {@code 1 CPU (CPU 0), --threads 1}, or {@code 2 CPUs shared with the server, --threads 2}. */
    String generatorText() {
        String cpus = pinned() ? plural(generatorThreads, "CPU") + " (" + CpuPinning.describe(pinning.generatorCpus())
                + ")" : plural(allowed.size(), "CPU") + " shared with the server";
        return cpus + ", " + plural(generatorThreads, "thread") + " (--threads " + generatorThreads + ")";
    }

    public static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    public boolean pinned() {
        return pinning.pinned();
    }

    /** E.g. {@code server on CPU 1, generator on CPU 0 (taskset)}, or why nothing is pinned. */
    public String description() {
        return description;
    }

    /** The CPUs this process may use. */
    public List<Integer> allowed() {
        return allowed;
    }

    /** How many CPUs the server is told it has: {@code N}. */
    public int serverCpuCount() {
        return serverCpuCount;
    }

    /** The generator's {@code --threads}: {@code M}. */
    int generatorThreads() {
        return generatorThreads;
    }

    /** The server's pinned CPUs; empty when not pinned. */
    public List<Integer> serverCpus() {
        return pinning.serverCpus();
    }

    /** The generator's pinned CPUs; empty when not pinned. */
    public List<Integer> generatorCpus() {
        return pinning.generatorCpus();
    }

    /** The plan as {@code summary.json} holds it. */
    public CpuPlanInfo info() {
        return new CpuPlanInfo(description, pinned(), allowed, serverCpus(), generatorCpus(), serverCpuCount,
                generatorThreads, generatorText());
    }

    public CpuPinning pinning() {
        return pinning;
    }
}
