package io.vtnio.loadgen.run;

import io.vtnio.loadgen.engine.RunErrors;
import io.vtnio.loadgen.result.PhasesResult;
import io.vtnio.loadgen.result.SweepResult;
import org.HdrHistogram.Histogram;

/**
 * What a {@link LoadRun} measured: latency and service time over the measured window (drain
 * included), how long that window lasted, the errors, and why the run was cut short if it was.
 *
 * @param measuredSeconds from the end of warm-up to the stop of sending (drain excluded)
 * @param repliesInWindow replies that arrived within those seconds: the drain's late replies are
 *                        in the histograms (their latency counts) but not in the throughput
 * @param abortMessage    null, or why the run could not take place (e.g. nothing to connect to)
 * @param warmupSeconds   how long the warm-up actually lasted, from the start of traffic to the
 *                        start of the measured window
 * @param steadyState     {@code --warmup auto}: whether the run was steady when measuring began
 *                        (false when the upper bound ended the warm-up); null for a fixed warm-up
 * @param sweep           a sweep's steps and capacity, or null for a run at one rate; the figures
 *                        above are then the union of its steps' windows
 * @param phases          a run on a timetable of rates: per phase and per second, or null
 *
 * <p>Threading: built by the reporter after every loop has ended; read on that thread.
 */
public record RunResult(Histogram latency, Histogram service, double measuredSeconds, long repliesInWindow,
                 RunErrors errors, String abortMessage, double warmupSeconds, Boolean steadyState,
                 SweepResult sweep, PhasesResult phases) {

    public RunResult(Histogram latency, Histogram service, double measuredSeconds, long repliesInWindow,
                     RunErrors errors, String abortMessage, double warmupSeconds, Boolean steadyState,
                     SweepResult sweep) {
        this(latency, service, measuredSeconds, repliesInWindow, errors, abortMessage, warmupSeconds, steadyState,
                sweep, null);
    }

    public RunResult(Histogram latency, Histogram service, double measuredSeconds, long repliesInWindow,
                     RunErrors errors, String abortMessage, double warmupSeconds, Boolean steadyState) {
        this(latency, service, measuredSeconds, repliesInWindow, errors, abortMessage, warmupSeconds, steadyState,
                null, null);
    }
}
