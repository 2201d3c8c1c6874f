package io.vtnio.compare.report.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System calls a server made per request of the measured window, by kind ({@code read},
 * {@code write}, {@code epoll_ctl}, {@code epoll_wait}, {@code futex}, and {@code all} for every
 * system call), as {@code perf stat} counted them ({@code compare --syscalls}); or why they were
 * not measured. A figure that was not measured is never shown as zero.
 *
 * <p>Threading: immutable.
 *
 * @param perRequest  calls per request by kind, in a stable order; empty when not measured
 * @param notMeasured why there are no figures (perf missing or refused, the run gave no counts), or null
 */
public record SyscallFigures(Map<String, Double> perRequest, String notMeasured) {

    public SyscallFigures {
        perRequest = perRequest == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perRequest));
    }

    public static SyscallFigures notMeasured(String reason) {
        return new SyscallFigures(Map.of(), reason);
    }

    public boolean measured() {
        return notMeasured == null;
    }
}
