package io.vtnio.loadgen.run;

import io.vtnio.core.HumanDuration;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.loadgen.engine.IntervalCollector;
import io.vtnio.loadgen.engine.RunErrors;
import io.vtnio.loadgen.engine.RunPhases;
import io.vtnio.loadgen.result.HistogramRange;
import io.vtnio.loadgen.result.IntervalLog;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.text.SummaryTable;
import io.vtnio.loadgen.result.SweepStep;
import io.vtnio.loadgen.run.SteadyStateDetector.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * The reporter's timeline of a sweep ({@code load --rates}, {@code --sweep}): from the start of
 * traffic, step after step on the same connections, each a warm-up (fixed, or until steady with
 * {@code --warmup auto}) and a measured window; between steps the rate changes through
 * {@link RunPhases#rateChanges}, which {@link RateSweep} decides. Each measured interval goes to
 * its step's histograms, the run's totals and the interval log, tagged with its step.
 *
 * <p>After a step that did not hold its rate, the next warms up until steady whatever
 * {@code --warmup} says: the backlog must drain before a window can measure a lower rate (a
 * bisection after an overloaded step measured the backlog otherwise).
 *
 * <p>A step counts the replies that arrived in its window, as a single run does: under overload,
 * replies to the window's last messages arrive in the next step's warm-up and are not in the
 * step's latency, so an overloaded step's tail is a lower bound (its achieved rate says it was
 * overloaded). Server CPU time comes from the stats lines of {@code --server-stats}, read at the
 * ticks that open and close the window, so each edge is as exact as the server's stats interval.
 *
 * <p>Threading: {@link #run} on the reporter thread, once.
 */
final class SweepReporter {

    private static final long TICK_NS = 1_000_000_000L;
    /** Least notice a rate change gets before it applies. */
    private static final long MIN_LEAD_NS = 50_000_000L;

    /** Prints one progress line: now, phase, interval latency, interval length, detail or null. */
    interface Progress {
        void print(long nowNs, String phase, Histogram interval, long intervalNs, String detail);
    }

    private final LoadConfig config;
    private final RateSweep sweep;
    private final RunPhases phases;
    private final IntervalCollector collector;
    private final RunErrors errors;
    private final IntervalLog intervalLog;
    private final Progress progress;
    private final PrintWriter err;
    private final LongUnaryOperator wallMs;
    private final ServerStatsTail stats;
    private long serverCpuMillis = MetricsSnapshot.UNKNOWN;
    private double measuredSeconds;
    private long repliesInWindows;

    /**
     * @param wallMs the wall clock in milliseconds at a {@link System#nanoTime} instant
     */
    SweepReporter(LoadConfig config, RunPhases phases, IntervalCollector collector, RunErrors errors,
                  IntervalLog intervalLog, Progress progress, PrintWriter err, LongUnaryOperator wallMs) {
        this.config = config;
        this.sweep = new RateSweep(config.sweep());
        this.phases = phases;
        this.collector = collector;
        this.errors = errors;
        this.intervalLog = intervalLog;
        this.progress = progress;
        this.err = err;
        this.wallMs = wallMs;
        this.stats = openStats(config, err);
    }

    /** Every step has run; the run's totals are in the collector. */
    record Outcome(RateSweep sweep, double measuredSeconds, long repliesInWindows, double firstWarmupSeconds) {
    }

    /**
     * Runs the steps from {@code trafficStartNs}; returns null if every connection was lost
     * ({@code lostAll}), so that the run aborts, and the outcome otherwise. Sending goes on after
     * the last step: the caller stops it and drains.
     */
    Outcome run(long trafficStartNs, CountDownLatch loopsFinished, BooleanSupplier lostAll) throws InterruptedException {
        try {
            long stepStartNs = trafficStartNs;
            double firstWarmupSeconds = 0;
            Optional<RateSweep.Next> next = Optional.of(sweep.first());
            int number = 0;
            boolean afterBacklog = false;
            while (next.isPresent()) {
                number++;
                RateSweep.Next step = next.get();
                String name = stepName(number, step);
                err.println(String.format(Locale.ROOT, "%s: %s/s offered%s", name, SweepPlan.format(step.ratePerSec()),
                        step.refinement() ? " (refining the capacity)" : ""));
                err.flush();
                Warmed warmed = warmUp(stepStartNs, name, afterBacklog, loopsFinished, lostAll);
                if (warmed == null) {
                    return null;
                }
                if (number == 1) {
                    firstWarmupSeconds = (warmed.endNs() - stepStartNs) / 1e9;
                }
                SweepStep measured = measure(number, step, stepStartNs, warmed, name, loopsFinished, lostAll);
                if (measured == null) {
                    return null;
                }
                err.println(stepLine(measured));
                err.flush();
                afterBacklog = !measured.achievedWithin(RateSweep.HELD_PCT);
                next = sweep.next(measured);
                if (next.isPresent()) {
                    stepStartNs = changeRate(step.ratePerSec(), next.get().ratePerSec());
                }
            }
            if (sweep.stopReason() != null) {
                err.println("sweep stopped early: " + sweep.stopReason());
                err.flush();
            }
            return new Outcome(sweep, measuredSeconds, repliesInWindows, firstWarmupSeconds);
        } finally {
            closeStats();
        }
    }

    /** How a step's warm-up ended: when, and whether steady (null for a fixed warm-up). */
    private record Warmed(long endNs, Boolean steady) {
    }

    /**
     * Warms a step up: for the fixed {@code --warmup}, or until steady with {@code --warmup auto};
     * and until steady whatever {@code --warmup} says after a step that did not hold its rate
     * ({@code afterBacklog}), whose backlog the server must work off before a window can measure
     * the new rate (falling latency is not steady; at most {@code --warmup-max}, or
     * {@link SweepPlan#backlogWarmupMax} with a fixed warm-up).
     */
    private Warmed warmUp(long stepStartNs, String name, boolean afterBacklog, CountDownLatch loopsFinished,
                          BooleanSupplier lostAll) throws InterruptedException {
        String phase = name + " warmup";
        Warmup plan = config.warmup();
        if (!plan.isAuto() && afterBacklog) {
            plan = Warmup.auto(SweepPlan.backlogWarmupMax(plan.fixed()), plan.serverStats());
            err.println(name + ": the last step did not hold its rate: warming up until steady (at most "
                    + HumanDuration.format(plan.max()) + "), so that its backlog is worked off first");
            err.flush();
        }
        if (!plan.isAuto()) {
            long endNs = stepStartNs + plan.fixed().toNanos();
            return tickUntil(stepStartNs, endNs, phase, loopsFinished, lostAll) ? new Warmed(endNs, null) : null;
        }
        try (AutoWarmup warmup = AutoWarmup.start(plan, true, stepStartNs, err)) {
            long nextNs = stepStartNs;
            long lastNs = stepStartNs;
            long lastProgressNs = stepStartNs;
            while (true) {
                nextNs += SteadyStateDetector.INTERVAL_NS;
                loopsFinished.await(Math.max(0, nextNs - System.nanoTime()), TimeUnit.NANOSECONDS);
                long nowNs = System.nanoTime();
                if (lostAll.getAsBoolean()) {
                    return null;
                }
                collector.collect();
                readStats();
                Verdict verdict = warmup.observe(nowNs, Math.max(1, nowNs - lastNs), collector.intervalLatency());
                lastNs = nowNs;
                if (nowNs - lastProgressNs >= TICK_NS - SteadyStateDetector.INTERVAL_NS / 2) {
                    progress.print(nowNs, phase, warmup.sinceProgress(), nowNs - lastProgressNs, warmup.status(nowNs));
                    warmup.progressShown();
                    lastProgressNs = nowNs;
                }
                if (verdict != Verdict.WARMING) {
                    err.println(warmup.outcome(verdict, nowNs));
                    err.flush();
                    return new Warmed(nowNs, verdict == Verdict.STEADY);
                }
                while (nextNs + SteadyStateDetector.INTERVAL_NS <= nowNs) {
                    nextNs += SteadyStateDetector.INTERVAL_NS;
                }
            }
        }
    }

    /** Ticks once a second (and at {@code endNs}) until {@code endNs}, intervals shown and dropped. */
    private boolean tickUntil(long fromNs, long endNs, String phase, CountDownLatch loopsFinished,
                              BooleanSupplier lostAll) throws InterruptedException {
        long lastNs = fromNs;
        while (lastNs < endNs) {
            long tickNs = Math.min(endNs, lastNs + TICK_NS);
            loopsFinished.await(Math.max(0, tickNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            long nowNs = System.nanoTime();
            if (lostAll.getAsBoolean()) {
                return false;
            }
            collector.collect();
            readStats();
            progress.print(nowNs, phase, collector.intervalLatency(), nowNs - lastNs, null);
            lastNs = Math.max(tickNs, nowNs);
        }
        return true;
    }

    private SweepStep measure(int number, RateSweep.Next step, long stepStartNs, Warmed warmed, String name,
                              CountDownLatch loopsFinished, BooleanSupplier lostAll) throws InterruptedException {
        Histogram latency = HistogramRange.newHistogram();
        Histogram service = HistogramRange.newHistogram();
        long errorsBefore = errors.total();
        long windowStartNs = warmed.endNs();
        long windowEndNs = windowStartNs + config.duration().toNanos();
        long cpuAtStart = serverCpuMillis;
        long lastNs = windowStartNs;
        while (lastNs < windowEndNs) {
            long tickNs = Math.min(windowEndNs, lastNs + TICK_NS);
            loopsFinished.await(Math.max(0, tickNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            long nowNs = System.nanoTime();
            if (lostAll.getAsBoolean()) {
                return null;
            }
            collector.collect();
            readStats();
            collector.addIntervalToTotals();
            latency.add(collector.intervalLatency());
            service.add(collector.intervalService());
            if (intervalLog != null) {
                intervalLog.writeStep(number, step.ratePerSec(), collector.intervalLatency(), collector.intervalService(),
                        wallMs.applyAsLong(lastNs), wallMs.applyAsLong(nowNs));
            }
            progress.print(nowNs, name, collector.intervalLatency(), nowNs - lastNs, null);
            lastNs = Math.max(tickNs, nowNs);
        }
        double seconds = (lastNs - windowStartNs) / 1e9;
        long replies = latency.getTotalCount();
        measuredSeconds += seconds;
        repliesInWindows += replies;
        double achieved = seconds > 0 ? replies / seconds : 0;
        long stepErrors = errors.total() - errorsBefore;
        Double cpuSeconds = cpuAtStart >= 0 && serverCpuMillis >= cpuAtStart ? (serverCpuMillis - cpuAtStart) / 1e3 : null;
        Long objectiveMicros = config.sweep().objective() == null ? null : config.sweep().objective().valueMicros(latency);
        boolean heldAndClean = achieved >= step.ratePerSec() * (1 - RateSweep.HELD_PCT / 100) && stepErrors == 0;
        return new SweepStep(number, step.ratePerSec(), achieved, replies, stepErrors, seconds,
                (windowStartNs - stepStartNs) / 1e9, warmed.steady(), step.refinement(), LatencyFigures.of(latency),
                LatencyFigures.of(service), cpuSeconds, objectiveMicros,
                objectiveMicros == null ? null : sweep.meets(heldAndClean, objectiveMicros));
    }

    /**
     * Publishes the next rate with enough notice that every sender, even one that already waits
     * for its next send at the old rate, computes its following send after the change is known.
     *
     * @return when the new rate applies: the next step's start
     */
    private long changeRate(double fromPerSec, double toPerSec) {
        long slowestIntervalNs = (long) (1e9 * senders() / fromPerSec);
        long atNs = System.nanoTime() + Math.max(MIN_LEAD_NS, 2 * slowestIntervalNs);
        phases.rateChanges().add(atNs, toPerSec / config.sweep().firstRatePerSec());
        return atNs;
    }

    /** Senders that share the rate: connections (echo), publishers (chat), loops (hello). */
    private int senders() {
        return switch (config.mode()) {
            case ECHO, HTTP -> config.totalConnections();
            case CHAT -> config.totalPublishers();
            case HELLO -> config.threads();
        };
    }

    private String stepName(int number, RateSweep.Next step) {
        return step.refinement() ? "step " + number + "*" : "step " + number + "/" + sweep.plannedSteps();
    }

    /** The line that closes a step on stderr. */
    private static String stepLine(SweepStep step) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "step %d: offered %s/s, achieved %s/s, p50 %s, p99 %s, p99.9 %s, max %s, errors %,d", step.step(),
                SweepPlan.format(step.offeredPerSec()), SweepPlan.format(Math.round(step.achievedPerSec())),
                SummaryTable.micros(step.latencyMicros().p50()),
                SummaryTable.micros(step.latencyMicros().p99()),
                SummaryTable.micros(step.latencyMicros().p999()),
                SummaryTable.micros(step.latencyMicros().max()), step.errors()));
        if (step.meetsObjective() != null) {
            line.append(step.meetsObjective() ? ", meets the objective" : ", misses the objective");
        }
        return line.toString();
    }

    private void readStats() {
        if (stats == null) {
            return;
        }
        for (MetricsSnapshot line : stats.readNew()) {
            if (line.cpuMillis() >= 0) {
                serverCpuMillis = line.cpuMillis();
            }
        }
    }

    private static ServerStatsTail openStats(LoadConfig config, PrintWriter err) {
        if (config.warmup().serverStats() == null) {
            return null;
        }
        try {
            return ServerStatsTail.open(config.warmup().serverStats());
        } catch (IOException e) {
            err.println("cannot read --server-stats " + config.warmup().serverStats() + " (" + e.getMessage()
                    + "): the steps go without the server's CPU time");
            return null;
        }
    }

    private void closeStats() {
        if (stats != null) {
            try {
                stats.close();
            } catch (IOException ignored) {
                // A read-only file: nothing was left unwritten.
            }
        }
    }
}
