package io.vtnio.compare.probe;

import io.vtnio.compare.report.summary.MachineInfo;
import java.lang.management.ManagementFactory;

/**
 * What the report says about the machine: CPU model and count, memory, operating system and the
 * JDK (the servers and the generator run on the JDK that runs {@code compare}).
 *
 * <p>Threading: stateless.
 */
public final class MachineProbe {

    private MachineProbe() {
    }

    public static MachineInfo describe() {
        long memory = ProcFs.memoryBytes();
        if (memory == 0 && ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        String jdk = System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")";
        return new MachineInfo(ProcFs.cpuModel(), Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")", jdk);
    }

    /** The most descriptors a child JVM may open (the JVM raises its soft limit to the hard one), or -1. */
    public static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
