package io.vtnio.compare.report.summary;

/**
 * The machine a comparison ran on, as far as the JVM and {@code /proc} tell.
 *
 * @param cpuModel    e.g. {@code AMD EPYC 7B13}, or null when unknown
 * @param cpus        processors this process may use
 * @param memoryBytes physical memory, or 0 when unknown
 * @param os          e.g. {@code Linux 6.1.0 (amd64)}
 * @param jdk         the JDK the servers and the generator ran on, e.g. {@code 25.0.1+8-LTS (Eclipse Adoptium)}
 */
public record MachineInfo(String cpuModel, int cpus, long memoryBytes, String os, String jdk) {
}
