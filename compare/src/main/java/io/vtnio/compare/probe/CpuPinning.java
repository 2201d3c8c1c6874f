package io.vtnio.compare.probe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps server and generator off each other's CPUs with {@code taskset}: which CPUs each side
 * runs on, and the command that puts a process there. {@link io.vtnio.compare.launch.CpuPlan}
 * decides the split; this class only applies it. When nothing is pinned both lists are empty and
 * commands run as they are.
 *
 * <p>Threading: immutable.
 */
public final class CpuPinning {

    private static final CpuPinning NONE = new CpuPinning(null, List.of(), List.of());

    private final String taskset;
    private final List<Integer> generatorCpus;
    private final List<Integer> serverCpus;

    private CpuPinning(String taskset, List<Integer> generatorCpus, List<Integer> serverCpus) {
        this.taskset = taskset;
        this.generatorCpus = List.copyOf(generatorCpus);
        this.serverCpus = List.copyOf(serverCpus);
    }

    /** Server and generator on these disjoint CPUs, through the {@code taskset} at that path. */
    public static CpuPinning of(String taskset, List<Integer> generatorCpus, List<Integer> serverCpus) {
        return new CpuPinning(taskset, generatorCpus, serverCpus);
    }

    /** Nothing pinned: both sides share whatever CPUs the process may use. */
    public static CpuPinning none() {
        return NONE;
    }

    /** The CPUs the server runs on; empty when not pinned. */
    public List<Integer> serverCpus() {
        return serverCpus;
    }

    /** The CPUs the generator runs on; empty when not pinned. */
    public List<Integer> generatorCpus() {
        return generatorCpus;
    }

    public boolean pinned() {
        return taskset != null;
    }

    /** {@code command} run on the server's CPUs. */
    public List<String> server(List<String> command) {
        return prefix(serverCpus, command);
    }

    /** {@code command} run on the generator's CPUs. */
    public List<String> generator(List<String> command) {
        return prefix(generatorCpus, command);
    }

    private List<String> prefix(List<Integer> cpus, List<String> command) {
        if (taskset == null) {
            return List.copyOf(command);
        }
        List<String> pinned = new ArrayList<>(List.of(taskset, "-c", join(cpus)));
        pinned.addAll(command);
        return pinned;
    }

    /** Parses Linux's CPU list format, e.g. {@code 0-3,6}; empty for null or garbage. */
    public static List<Integer> parseCpuList(String list) {
        List<Integer> cpus = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return cpus;
        }
        try {
            for (String part : list.trim().split(",")) {
                String[] range = part.trim().split("-");
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            }
        } catch (NumberFormatException e) {
            return new ArrayList<>();
        }
        return cpus;
    }

    static String join(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** {@code CPU 1}, {@code CPUs 0-3,8-11}: runs of consecutive CPUs written as ranges. */
    public static String describe(List<Integer> cpus) {
        return (cpus.size() == 1 ? "CPU " : "CPUs ") + ranges(cpus);
    }

    /** Linux's CPU list format, the inverse of {@link #parseCpuList}: {@code 0-3,8-11}. */
    public static String ranges(List<Integer> cpus) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cpus.size(); ) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(cpus.get(i));
            if (j > i) {
                out.append("-").append(cpus.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }

    public static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
