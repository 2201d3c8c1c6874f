package io.vtnio.loadgen.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The open-file limit of this process, which caps the connections one generator process can
 * hold: beyond it a run must be split over processes ({@code --processes}) or machines.
 *
 * <p>Threading: stateless.
 */
final class DescriptorLimit {

    /** Descriptors the JVM and the generator need besides connections (jars, selectors, pipes). */
    static final int RESERVED = 64;

    private DescriptorLimit() {
    }

    /** The soft limit, or {@link Long#MAX_VALUE} where the platform does not say. */
    static long max() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }

    /** Connections one process may hold, or {@link Long#MAX_VALUE}. */
    static long connectionsPerProcess() {
        long max = max();
        return max == Long.MAX_VALUE ? max : Math.max(1, max - RESERVED);
    }
}
