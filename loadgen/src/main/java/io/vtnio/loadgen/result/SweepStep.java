package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step of a sweep of offered load, as the summary table and {@code --json} show it: the rate
 * offered and the rate achieved (replies in the measured window over its length), the latency
 * from the scheduled send, errors, and the server's CPU time when its stats lines were given.
 *
 * @param step              1-based, in the order run
 * @param offeredPerSec     the open model's rate in this step
 * @param achievedPerSec    replies a second in the measured window
 * @param requests          replies in the measured window
 * @param errors            errors counted during the step (warm-up and window)
 * @param durationSeconds   the measured window
 * @param warmupSeconds     from the step's start to its window
 * @param steadyState       {@code --warmup auto}: whether the step was steady when its window began; else null
 * @param refinement        whether the step bisects the capacity (not one of the planned rates)
 * @param serverCpuSeconds  the server's CPU time in the window (from its stats lines), or null
 * @param objectiveMicros   with {@code --slo}: the latency at the objective's percentile, else null
 * @param meetsObjective    with {@code --slo}: achieved within 1% of offered, no errors, latency within
 *                          the objective; else null
 *
 * <p>Threading: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepStep(int step, double offeredPerSec, double achievedPerSec, long requests, long errors,
                        double durationSeconds, double warmupSeconds, Boolean steadyState, boolean refinement,
                        LatencyFigures latencyMicros, LatencyFigures serviceTimeMicros, Double serverCpuSeconds,
                        Long objectiveMicros, Boolean meetsObjective) {

    /** This step with the server's CPU time in its window measured otherwise (compare samples it itself). */
    public SweepStep withServerCpuSeconds(Double cpuSeconds) {
        return new SweepStep(step, offeredPerSec, achievedPerSec, requests, errors, durationSeconds, warmupSeconds,
                steadyState, refinement, latencyMicros, serviceTimeMicros, cpuSeconds, objectiveMicros, meetsObjective);
    }

    /** Server CPU time per reply in microseconds, or null without the server's CPU time. */
    public Double serverCpuPerRequestMicros() {
        return serverCpuSeconds == null || requests == 0 ? null : serverCpuSeconds * 1e6 / requests;
    }

    /** Whether the achieved rate is within {@code sharePct} percent of the offered one. */
    public boolean achievedWithin(double sharePct) {
        return achievedPerSec >= offeredPerSec * (1 - sharePct / 100);
    }
}
