package io.vtnio.compare.report.summary;

import io.vtnio.compare.report.profile.ProfileSummary;
import io.vtnio.compare.report.profile.SyscallFigures;

/**
 * What {@code compare} sampled from one server process while the generator measured it (or the
 * medians of that over rounds). Any figure may be null when it could not be measured: no
 * {@code /proc}, a contestant that prints no stats lines, a scenario that does not probe memory.
 *
 * @param cpuSeconds               server CPU time (user + system, whole process tree) in the measured window
 * @param cpuMicrosPerRequest      {@code cpuSeconds} per request of the window, in microseconds
 * @param rssBytes                 highest resident set size seen in the window
 * @param heapUsedBytes            highest {@code heapUsedBytes} of the server's stats lines in the window
 * @param threads                  highest count of OS threads seen in the window
 * @param bytesPerConnection       memory one more open connection costs: live heap plus native, per connection
 * @param heapBytesPerConnection   growth of the live heap (after a full GC) per open connection
 * @param nativeBytesPerConnection growth of the resident set beyond the pre-touched heap per open connection
 * @param gcPauses                 GC pauses in the window, from the server's GC log
 * @param gcPauseMillis            their total duration
 * @param fullGcMillis             how long the full GC took that {@code compare} forced with every connection
 *                                 open (scenarios that probe memory): the cost of scanning what the connections hold
 * @param voluntarySwitchesPerRequest   context switches per request because a server thread blocked, summed over the
 *                                      threads alive at the window's edges ({@code /proc/PID/task/TID/status})
 * @param involuntarySwitchesPerRequest context switches per request because a server thread was preempted
 * @param allocatedBytesPerRequest      heap bytes the server's JVM allocated per request ({@code allocatedBytes} of its
 *                                      stats lines); null for a server whose stats lines do not carry it
 * @param syscalls                      system calls per request by kind ({@code compare --syscalls}), or null when not
 *                                      asked for
 * @param profile                       what its flight recording saw in the window ({@code compare --profile}), or
 *                                      null when not asked for or not recorded
 */
public record ProcessFigures(
        Double cpuSeconds,
        Double cpuMicrosPerRequest,
        Long rssBytes,
        Long heapUsedBytes,
        Integer threads,
        Long bytesPerConnection,
        Long heapBytesPerConnection,
        Long nativeBytesPerConnection,
        Integer gcPauses,
        Double gcPauseMillis,
        Double fullGcMillis,
        Double voluntarySwitchesPerRequest,
        Double involuntarySwitchesPerRequest,
        Double allocatedBytesPerRequest,
        SyscallFigures syscalls,
        ProfileSummary profile) {

    public static final ProcessFigures NONE =
            new ProcessFigures(null, null, null, null, null, null, null, null, null, null, null);

    /** These figures with the system calls and the flight recording's summary of the same window. */
    public ProcessFigures withDiagnostics(SyscallFigures syscalls, ProfileSummary profile) {
        return new ProcessFigures(cpuSeconds, cpuMicrosPerRequest, rssBytes, heapUsedBytes, threads, bytesPerConnection,
                heapBytesPerConnection, nativeBytesPerConnection, gcPauses, gcPauseMillis, fullGcMillis,
                voluntarySwitchesPerRequest, involuntarySwitchesPerRequest, allocatedBytesPerRequest, syscalls, profile);
    }

    /**
     * These figures for a sweep, whose requests were counted in its steps' windows only: CPU time and
     * CPU per request from those windows ({@code null} when the server's stats lines gave none), and
     * no switches or allocation per request, which were sampled over the whole run, warm-ups included.
     */
    public ProcessFigures withStepsCpu(Double stepsCpuSeconds, Double stepsCpuMicrosPerRequest) {
        return new ProcessFigures(stepsCpuSeconds, stepsCpuMicrosPerRequest, rssBytes, heapUsedBytes, threads,
                bytesPerConnection, heapBytesPerConnection, nativeBytesPerConnection, gcPauses, gcPauseMillis,
                fullGcMillis, null, null, null, syscalls, profile);
    }

    /** The figures without the explanations (switches, allocation, syscalls, profile). */
    public ProcessFigures(Double cpuSeconds, Double cpuMicrosPerRequest, Long rssBytes, Long heapUsedBytes,
                          Integer threads, Long bytesPerConnection, Long heapBytesPerConnection,
                          Long nativeBytesPerConnection, Integer gcPauses, Double gcPauseMillis, Double fullGcMillis) {
        this(cpuSeconds, cpuMicrosPerRequest, rssBytes, heapUsedBytes, threads, bytesPerConnection,
                heapBytesPerConnection, nativeBytesPerConnection, gcPauses, gcPauseMillis, fullGcMillis,
                null, null, null, null, null);
    }
}
