package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a run on a timetable of rates measured ({@code load --phases}), the {@code phases} object
 * of the {@code --json} summary: each phase's figures, and one row per measured second, for the
 * curves of an overload test (latency and backlog growing while the rate is beyond the server,
 * and falling back after it).
 *
 * @param phases          per phase, in the order run
 * @param perSecond       per measured second, in order
 * @param objective       the latency objective of {@code --slo} each second was judged by, or null
 * @param recoverySeconds with an objective: from the end of the phase with the highest rate to the
 *                        start of the first second from which every second met the objective with
 *                        the backlog gone (under a hundredth of a second's messages); null without
 *                        an objective or when that never came before the run ended
 *
 * <p>Threading: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhasesResult(List<Phase> phases, List<Second> perSecond, String objective, Double recoverySeconds) {

    public PhasesResult {
        phases = List.copyOf(phases);
        perSecond = List.copyOf(perSecond);
    }

    /**
     * One phase's window.
     *
     * @param phase          its number, from 1
     * @param offeredPerSec  its rate
     * @param achievedPerSec replies a second that arrived within it
     * @param latencyMicros  latency from the scheduled send of the replies that arrived within it
     */
    public record Phase(int phase, double offeredPerSec, double durationSeconds, double achievedPerSec,
                        long requests, long errors, LatencyFigures latencyMicros) {
    }

    /**
     * One measured second.
     *
     * @param second  from 0, counted from the start of measuring
     * @param phase   the phase it lies in, from 1
     * @param backlog messages scheduled since measuring began and neither answered nor failed
     *                by the end of the second: the queue the server (and the network) hold
     * @param meetsObjective whether its replies met the objective, or null without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Second(int second, int phase, double offeredPerSec, double achievedPerSec, long p50Micros,
                         long p99Micros, long maxMicros, long errors, long backlog, Boolean meetsObjective) {
    }
}
