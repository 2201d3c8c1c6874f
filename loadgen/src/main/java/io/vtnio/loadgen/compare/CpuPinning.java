package io.vtnio.loadgen.compare;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps server and generator off each other's CPUs with {@code taskset}: the generator gets the
 * first half of the CPUs this process may use, the server the rest (on two CPUs: generator on
 * 0, server on 1). Without {@code taskset}, with one CPU, or when asked not to, nothing is pinned
 * and {@link #description} says why.
 *
 * <p>Threading: immutable.
 */
final class CpuPinning {

    private final String taskset;
    private final List<Integer> generatorCpus;
    private final List<Integer> serverCpus;
    private final String description;

    private CpuPinning(String taskset, List<Integer> generatorCpus, List<Integer> serverCpus, String description) {
        this.taskset = taskset;
        this.generatorCpus = generatorCpus;
        this.serverCpus = serverCpus;
        this.description = description;
    }

    /** Pins when it can, unless {@code enabled} is false. */
    /** The CPUs the server runs on; empty when not pinned. */
    List<Integer> serverCpus() {
        return serverCpus;
    }

    /** The CPUs the generator runs on; empty when not pinned. */
    List<Integer> generatorCpus() {
        return generatorCpus;
    }

    static CpuPinning detect(boolean enabled) {
        if (!enabled) {
            return none("not pinned (--no-pin): server and generator share all CPUs");
        }
        String taskset = findOnPath("taskset");
        if (taskset == null) {
            return none("not pinned: taskset not found, server and generator share all CPUs");
        }
        List<Integer> cpus = parseCpuList(ProcFs.allowedCpus());
        if (cpus.size() < 2) {
            return none("not pinned: only " + Math.max(1, cpus.size()) + " CPU available");
        }
        int half = cpus.size() / 2;
        List<Integer> generator = List.copyOf(cpus.subList(0, half));
        List<Integer> server = List.copyOf(cpus.subList(half, cpus.size()));
        return new CpuPinning(taskset, generator, server, "server on " + describe(server) + ", generator on "
                + describe(generator) + " (taskset)");
    }

    private static CpuPinning none(String description) {
        return new CpuPinning(null, List.of(), List.of(), description);
    }

    boolean pinned() {
        return taskset != null;
    }

    String description() {
        return description;
    }

    /** {@code command} run on the server's CPUs. */
    List<String> server(List<String> command) {
        return prefix(serverCpus, command);
    }

    /** {@code command} run on the generator's CPUs. */
    List<String> generator(List<String> command) {
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
    static List<Integer> parseCpuList(String list) {
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

    private static String join(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String describe(List<Integer> cpus) {
        return (cpus.size() == 1 ? "CPU " : "CPUs ") + join(cpus);
    }

    static String findOnPath(String program) {
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
