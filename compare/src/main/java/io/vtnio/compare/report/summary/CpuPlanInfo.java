package io.vtnio.compare.report.summary;

import java.util.List;

/**
 * How {@code compare} shared the CPUs between server and generator, as {@code summary.json}
 * holds it (field {@code cpuPlan}).
 *
 * @param description      e.g. {@code server on CPU 1, generator on CPU 0 (taskset)}, or why nothing was pinned
 * @param pinned           whether server and generator ran on disjoint CPUs
 * @param allowedCpus      the CPUs the comparison could use
 * @param serverCpus       the server's CPUs; empty when not pinned
 * @param generatorCpus    the generator's CPUs; empty when not pinned
 * @param serverCpuCount   the count every contestant was told (nio loops, vt carriers, {@code {cpus}})
 * @param generatorThreads the generator's {@code --threads}
 * @param generator        the generator's share for people: {@code 1 CPU (CPU 0), 1 thread (--threads 1)}
 */
public record CpuPlanInfo(String description, boolean pinned, List<Integer> allowedCpus, List<Integer> serverCpus,
                          List<Integer> generatorCpus, int serverCpuCount, int generatorThreads, String generator) {

    public CpuPlanInfo {
        allowedCpus = List.copyOf(allowedCpus);
        serverCpus = List.copyOf(serverCpus);
        generatorCpus = List.copyOf(generatorCpus);
    }
}
