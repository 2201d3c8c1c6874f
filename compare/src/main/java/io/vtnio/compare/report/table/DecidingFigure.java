package io.vtnio.compare.report.table;

import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import java.util.function.Function;

/**
 * The figure that decides a scenario, and how to read it from one round: throughput for the
 * closed loops, median latency for the open loops at a fixed rate (echo-latency, fanout, churn), the
 * capacity at the latency objective for {@code capacity} (a round that found none drops its pair), p99 of the
 * overload phase for the overload scenarios (the same timetable for every server), live heap per
 * connection for {@code idle} (measured after a full GC: in a default run it spread by ±9% and
 * ±0% over rounds, while the resident memory beyond the heap spread by ±33% and ±61%, too much
 * for three pairs to decide on).
 *
 * <p>Why the median and not p99 for the open loops: p99 of a two-second run on a shared VM is
 * set by a few stalls of the machine, not by the server. In this project's A/A runs (one server
 * entered twice), the pair ratios of p99 had a log standard deviation of 0.05 to 0.57 between
 * runs, those of p50 0.05 to 0.16, and twice in twelve runs five or fewer p99 pairs happened to
 * agree enough to put a t interval beyond 10%: a verdict on a server against itself. The tail
 * stays in every table, with its spread.
 *
 * <p>Every scenario also has a second witness, {@link #cpuPerRequest}: the server's CPU time per
 * request over exactly the measured window. It is the steadiest figure a round gives (in a quiet
 * run its pairs spread by a few percent where a peak's spread by 10-20%), and it measures the
 * server even when a closed loop's peak was the generator's.
 *
 * @param label          as the tables show it, e.g. {@code replies/s}
 * @param higherIsBetter whether more is better
 * @param throughput     whether it is a throughput, which a round of a closed-loop peak gives only when its server
 *                       was saturated ({@link RoundResult#counts})
 * @param perRound       the figure of one successful round, or null when the round lacks it
 *
 * <p>Threading: immutable.
 */
public record DecidingFigure(String label, boolean higherIsBetter, boolean throughput,
                             Function<RoundResult, Double> perRound) {

    /**
     * The second witness of every scenario: the server's CPU time per request of the window; for
     * {@code capacity}, of its sweep's first step, the one load every server carries (each server's
     * later steps stop at its own capacity).
     */
    public static DecidingFigure cpuPerRequest(ScenarioInfo scenario) {
        if (scenario.name().equals("capacity")) {
            return new DecidingFigure("server CPU/" + scenario.unit() + " (step 1)", false, false,
                    round -> round.sweep() == null || round.sweep().steps().isEmpty() ? null
                            : round.sweep().steps().getFirst().serverCpuPerRequestMicros());
        }
        return new DecidingFigure("server CPU/" + scenario.unit(), false, false,
                round -> round.process() == null ? null : round.process().cpuMicrosPerRequest());
    }

    /**
     * The load a round's CPU witness was measured at: a sweep's first step, else the round's
     * throughput; loads far apart are not compared ({@code PairedVerdicts}).
     */
    public static double witnessLoad(RoundResult round) {
        return round.sweep() != null && !round.sweep().steps().isEmpty()
                ? round.sweep().steps().getFirst().achievedPerSec() : round.figures().throughputPerSec();
    }

    /** The deciding figure of {@code scenario}. */
    public static DecidingFigure of(ScenarioInfo scenario) {
        return switch (scenario.name()) {
            case "idle" -> new DecidingFigure("heap/connection", false, false,
                    round -> round.process().heapBytesPerConnection() == null ? null
                            : round.process().heapBytesPerConnection().doubleValue());
            case "echo-latency", "fanout", "churn" -> new DecidingFigure("latency p50", false, false,
                    round -> (double) round.figures().latencyMicros().p50());
            case "capacity" -> new DecidingFigure("capacity/s", true, false, RoundResult::capacityPerSec);
            case "overload-echo", "overload-backend" -> new DecidingFigure("p99, overload phase", false, false,
                    RoundResult::overloadP99Micros);
            default -> new DecidingFigure(ComparisonRows.plural(scenario.unit()) + "/s", true, true,
                    round -> round.figures().throughputPerSec());
        };
    }
}
