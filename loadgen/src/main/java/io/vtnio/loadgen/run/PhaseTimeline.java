package io.vtnio.loadgen.run;

import io.vtnio.loadgen.result.HistogramRange;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.LogMerge;
import io.vtnio.loadgen.result.PhasesResult;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the measured one-second intervals of a run on a timetable ({@link RatePhases}) into its
 * per-phase figures and per-second rows. The backlog of a second is what the timetable scheduled
 * from the start of measuring to the end of that second, less the replies and the failed
 * messages since then: it starts near zero (the warm-up's own messages in flight aside), grows
 * at the rate a server falls short, and shrinks as it catches up. With an objective
 * ({@code --slo}) each second is judged by it, and the recovery after the highest rate is the
 * time until the seconds meet it again for good.
 *
 * <p>Threading: the run's reporter thread only.
 */
final class PhaseTimeline {

    private final RatePhases timetable;
    private final long measureStartNs;
    private final long errorsAtStart;
    private final List<Histogram> phaseLatency = new ArrayList<>();
    private final long[] phaseReplies;
    private final long[] phaseErrors;
    private final List<PhasesResult.Second> seconds = new ArrayList<>();
    private long repliesSoFar;
    private long errorsSoFar;

    PhaseTimeline(RatePhases timetable, long measureStartNs, long errorsAtStart) {
        this.timetable = timetable;
        this.measureStartNs = measureStartNs;
        this.errorsAtStart = errorsAtStart;
        for (int i = 0; i < timetable.phases().size(); i++) {
            phaseLatency.add(HistogramRange.newHistogram());
        }
        phaseReplies = new long[timetable.phases().size()];
        phaseErrors = new long[timetable.phases().size()];
    }

    /** Adds the interval from {@code fromNs} to {@code toNs}, whose replies' latency is {@code interval}. */
    void add(Histogram interval, long fromNs, long toNs, long errorsTotal) {
        int second = (int) Math.max(0, Math.round((fromNs - measureStartNs) / 1e9));
        int phase = timetable.phaseAt(second);
        long errors = errorsTotal - errorsAtStart - errorsSoFar;
        errorsSoFar += errors;
        repliesSoFar += interval.getTotalCount();
        phaseLatency.get(phase).add(interval);
        phaseReplies[phase] += interval.getTotalCount();
        phaseErrors[phase] += errors;
        double intervalSeconds = Math.max(1e-9, (toNs - fromNs) / 1e9);
        long backlog = Math.round(scheduledUntil((toNs - measureStartNs) / 1e9)) - repliesSoFar - errorsSoFar;
        LatencyObjective objective = timetable.objective();
        seconds.add(new PhasesResult.Second(second, phase + 1, timetable.phases().get(phase).ratePerSec(),
                LogMerge.round(interval.getTotalCount() / intervalSeconds),
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50.0),
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99.0),
                interval.getMaxValue(), errors, backlog,
                objective == null ? null : objective.metBy(objective.valueMicros(interval))));
    }

    /** Messages the timetable scheduled in the first {@code elapsedSeconds} of measuring. */
    private double scheduledUntil(double elapsedSeconds) {
        double scheduled = 0;
        double start = 0;
        for (RatePhases.Phase phase : timetable.phases()) {
            double end = start + phase.duration().toSeconds();
            scheduled += phase.ratePerSec() * Math.max(0, Math.min(elapsedSeconds, end) - start);
            start = end;
        }
        if (elapsedSeconds > start) {
            scheduled += timetable.phases().getLast().ratePerSec() * (elapsedSeconds - start);
        }
        return scheduled;
    }

    PhasesResult result() {
        List<PhasesResult.Phase> phases = new ArrayList<>();
        for (int i = 0; i < timetable.phases().size(); i++) {
            RatePhases.Phase phase = timetable.phases().get(i);
            double phaseSeconds = phase.duration().toSeconds();
            phases.add(new PhasesResult.Phase(i + 1, phase.ratePerSec(), phaseSeconds,
                    LogMerge.round(phaseReplies[i] / phaseSeconds), phaseReplies[i], phaseErrors[i],
                    LatencyFigures.of(phaseLatency.get(i))));
        }
        return new PhasesResult(phases, seconds,
                timetable.objective() == null ? null : timetable.objective().text(), recoverySeconds());
    }

    /**
     * From the end of the phase with the highest rate to the first second from which every second
     * met the objective and held the backlog under a hundredth of its second's messages; null
     * without an objective or when no such second came.
     */
    private Double recoverySeconds() {
        if (timetable.objective() == null) {
            return null;
        }
        int peak = timetable.peakPhase();
        long after = timetable.startSecond(peak) + timetable.phases().get(peak).duration().toSeconds();
        Integer recoveredAt = null;
        for (PhasesResult.Second second : seconds) {
            if (second.second() < after) {
                continue;
            }
            boolean fine = Boolean.TRUE.equals(second.meetsObjective())
                    && second.backlog() <= second.offeredPerSec() / 100;
            if (!fine) {
                recoveredAt = null;
            } else if (recoveredAt == null) {
                recoveredAt = second.second();
            }
        }
        return recoveredAt == null ? null : (double) (recoveredAt - after);
    }
}
