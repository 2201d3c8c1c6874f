package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one round of an overload scenario showed: a rate the servers hold, then one beyond the
 * lower capacity, then the first again ({@code load --phases}). How fast latency, the backlog at
 * the generator and the server's memory grew while the rate was beyond it, what it refused or
 * lost, and how long after the overload ended its latency was back within the objective.
 *
 * @param overloadP99Micros       p99 of the replies that arrived in the overload phase (from their scheduled sends)
 * @param p99GrowthMicrosPerSec   least-squares slope of the per-second p99 over the overload phase
 * @param backlogGrowthPerSec     messages a second by which the backlog grew over the overload phase
 * @param recoverySeconds         from the end of the overload to the start of the first second from which every
 *                                second met the objective and the backlog was gone (the generator's
 *                                {@code recoverySeconds}); null when that never came before the run ended
 * @param rssGrowthBytesPerSec    resident memory at the end of the overload less at its start, a second; null
 *                                without samples
 * @param heapGrowthBytesPerSec   heap in use, likewise, from the server's stats lines; null without them
 * @param peakRssBytes            highest resident memory sampled in the window
 * @param peakThreads             most OS threads sampled in the window
 * @param errors                  generator errors (timeouts, resets ...) in the overload and after
 * @param refused                 connections the server refused in the window (its stats lines), or null
 * @param objective               the latency objective recovery was judged by, e.g. {@code p99=10ms}
 * @param perSecond               the timeline, one row a second
 *
 * <p>Threading: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OverloadFigures(double overloadP99Micros, Double p99GrowthMicrosPerSec, double backlogGrowthPerSec,
                              Double recoverySeconds, Double rssGrowthBytesPerSec, Double heapGrowthBytesPerSec,
                              Long peakRssBytes, Integer peakThreads, long errors, Long refused, String objective,
                              List<Second> perSecond) {

    public OverloadFigures {
        perSecond = perSecond == null ? List.of() : List.copyOf(perSecond);
    }

    /**
     * One second of the timeline.
     *
     * @param rssBytes resident memory at the end of the second, or null
     * @param heapBytes heap in use at the end of the second (the last stats line), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Second(int second, int phase, double offeredPerSec, double achievedPerSec, long p99Micros,
                         long backlog, Long rssBytes, Long heapBytes, Integer threads) {
    }
}
