package io.vtnio.loadgen.run;

import io.vtnio.loadgen.text.ProgressLine;
import io.vtnio.core.Mode;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ConnectionCounters;
import io.vtnio.loadgen.engine.IntervalCollector;
import io.vtnio.loadgen.engine.LatencyRecorder;
import io.vtnio.loadgen.engine.RunErrors;
import io.vtnio.loadgen.engine.RunPhases;
import io.vtnio.loadgen.result.IntervalLog;
import io.vtnio.loadgen.result.SweepResult;
import io.vtnio.loadgen.run.SteadyStateDetector.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One run of the generator in this process: it starts the {@link ClientLoop}s, and then acts as
 * the one reporter. The reporter decides the timeline (connect phase, warm-up, measurement,
 * drain) and publishes it through {@link RunPhases}; once a second it takes every loop's interval
 * histograms, prints the progress line on stderr, and, after warm-up, writes the interval to the
 * interval log and adds it to the totals.
 *
 * <pre>{@code
 * RunResult result = new LoadRun(config, err, intervalLog).execute();
 * }</pre>
 *
 * <p>Ticks fall on whole seconds after traffic starts, plus one exactly at the end of warm-up
 * and one at the stop of sending, so every measured interval lies wholly inside the measured
 * window. Replies that arrive during the drain answer requests sent before the stop and are added as
 * one last interval.
 *
 * <p>With {@code --warmup auto} traffic starts without an end: the reporter ticks every
 * {@link SteadyStateDetector#INTERVAL_NS} and hands each interval to an {@link AutoWarmup}
 * (printing progress about once a second); when that says to measure, the measured window
 * starts at that tick and the stop is planned from it; ticks then fall on whole seconds after it.
 *
 * <p>Threading: {@link #execute} on one thread (it becomes the reporter), once.
 */
public final class LoadRun {

    private static final long TICK_NS = 1_000_000_000L;
    /**
     * Auto warm-up: the progress line comes at the first interval's end this close to a second
     * after the last line, so one line a second, as in every phase, even after a late tick.
     */
    private static final long WARMUP_PROGRESS_NS = TICK_NS - SteadyStateDetector.INTERVAL_NS / 2;
    /** How long past the drain deadline the reporter waits for loops to close everything. */
    private static final long LOOP_EXIT_GRACE_NS = 5_000_000_000L;

    private final LoadConfig config;
    private final PrintWriter err;
    private final IntervalLog intervalLog;
    private final RunErrors errors = new RunErrors();
    private final ConnectionCounters counters = new ConnectionCounters();
    private final RunPhases phases = new RunPhases();
    private long startNs;
    private long startWallMs;
    private long trafficStartNs;
    private Boolean steadyState;
    /** A run on a timetable of rates: its per-second rows, from the start of measuring; else null. */
    private PhaseTimeline timeline;

    /** @param intervalLog where measured intervals go, or null */
    public LoadRun(LoadConfig config, PrintWriter err, IntervalLog intervalLog) {
        this.config = config;
        this.err = err;
        this.intervalLog = intervalLog;
    }

    public RunResult execute() throws IOException, InterruptedException {
        int threads = config.threads();
        CountDownLatch connectPhase = new CountDownLatch(threads);
        CountDownLatch loopsFinished = new CountDownLatch(threads);
        List<ClientLoop> loops = new LoopFactory(config, phases, errors, counters).create(connectPhase, loopsFinished);
        List<LatencyRecorder> recorders = new ArrayList<>();
        for (ClientLoop loop : loops) {
            recorders.add(loop.recorder());
        }
        IntervalCollector collector = new IntervalCollector(recorders);
        boolean hello = config.mode() == Mode.HELLO;
        boolean auto = config.warmup().isAuto();
        boolean sweeping = config.sweep() != null;
        long warmupNs = auto ? 0 : config.warmup().fixed().toNanos();
        long durationNs = config.duration().toNanos();
        long timeoutNs = config.timeout().toNanos();
        steadyState = auto ? Boolean.FALSE : null;

        startNs = System.nanoTime();
        startWallMs = System.currentTimeMillis();
        if (hello) {
            trafficStartNs = startNs;
            if (auto || sweeping) {
                phases.plan(startNs, Long.MAX_VALUE, Long.MAX_VALUE);
            } else {
                phases.plan(startNs, startNs + warmupNs + durationNs, startNs + warmupNs + durationNs + timeoutNs);
            }
        }
        startThreads(loops);
        try {
            if (hello) {
                // Connects are the traffic: measure from the start, but give up at once if the
                // very first connects all fail.
                connectPhase.await(TICK_NS, TimeUnit.NANOSECONDS);
                if (connectPhase.getCount() == 0 && counters.established() == 0) {
                    return abort(loops, loopsFinished, collector);
                }
                if (sweeping) {
                    return sweep(connectPhase, loops, loopsFinished, collector);
                }
                if (auto) {
                    return warmUpUntilSteady(connectPhase, loops, loopsFinished, collector);
                }
                return measure(connectPhase, loops, loopsFinished, collector,
                        startNs, startNs + warmupNs, startNs + warmupNs + durationNs, startNs);
            }
            long lastTickNs = startNs;
            while (!connectPhase.await(Math.max(0, lastTickNs + TICK_NS - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                lastTickNs += TICK_NS;
                collector.collect();
                progress(lastTickNs, "connect", collector, TICK_NS);
            }
            if (counters.established() == 0 || errors.mismatch() != null) {
                return abort(loops, loopsFinished, collector);
            }
            // Empty the recorders before traffic may start, or its first replies would be dropped with them.
            collector.collect();
            trafficStartNs = System.nanoTime();
            if (sweeping) {
                phases.plan(trafficStartNs, Long.MAX_VALUE, Long.MAX_VALUE);
                wakeAll(loops);
                return sweep(connectPhase, loops, loopsFinished, collector);
            }
            if (auto) {
                phases.plan(trafficStartNs, Long.MAX_VALUE, Long.MAX_VALUE);
                wakeAll(loops);
                return warmUpUntilSteady(connectPhase, loops, loopsFinished, collector);
            }
            long measureStartNs = trafficStartNs + warmupNs;
            long stopNs = measureStartNs + durationNs;
            phases.plan(trafficStartNs, stopNs, stopNs + timeoutNs);
            startTimetable(measureStartNs);
            wakeAll(loops);
            // On a timetable the seconds count from the start of measuring, so none straddles two phases.
            return measure(connectPhase, loops, loopsFinished, collector,
                    timeline != null ? measureStartNs : trafficStartNs, measureStartNs, stopNs, trafficStartNs);
        } finally {
            phases.abort();
            wakeAll(loops);
            loopsFinished.await(LOOP_EXIT_GRACE_NS, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@code --warmup auto}: ticks every {@link SteadyStateDetector#INTERVAL_NS} from the start of
     * traffic until the {@link AutoWarmup} says to measure, then plans the stop from that tick and
     * measures.
     */
    private RunResult warmUpUntilSteady(CountDownLatch connectPhase, List<ClientLoop> loops,
                                        CountDownLatch loopsFinished, IntervalCollector collector)
            throws InterruptedException {
        long measureStartNs;
        try (AutoWarmup warmup = AutoWarmup.start(config.warmup(), config.openModel(), trafficStartNs, err)) {
            long nextNs = trafficStartNs;
            long lastNs = trafficStartNs;
            long lastProgressNs = trafficStartNs;
            while (true) {
                nextNs += SteadyStateDetector.INTERVAL_NS;
                boolean allFinished = loopsFinished.await(Math.max(0, nextNs - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                long nowNs = System.nanoTime();
                if (connectPhase.getCount() == 0 && counters.established() == 0) {
                    return abort(loops, loopsFinished, collector);
                }
                collector.collect();
                Verdict verdict = warmup.observe(nowNs, nowNs - lastNs, collector.intervalLatency());
                lastNs = nowNs;
                if (nowNs - lastProgressNs >= WARMUP_PROGRESS_NS) {
                    progress(nowNs, "warmup", warmup.sinceProgress(), nowNs - lastProgressNs, warmup.status(nowNs));
                    warmup.progressShown();
                    lastProgressNs = nowNs;
                }
                if (verdict != Verdict.WARMING || allFinished) {
                    steadyState = verdict == Verdict.STEADY;
                    err.println(warmup.outcome(verdict, nowNs));
                    err.flush();
                    measureStartNs = nowNs;
                    break;
                }
                // A reporter that fell behind skips the ticks it missed rather than collecting empty intervals.
                while (nextNs + SteadyStateDetector.INTERVAL_NS <= nowNs) {
                    nextNs += SteadyStateDetector.INTERVAL_NS;
                }
            }
        }
        long stopNs = measureStartNs + config.duration().toNanos();
        phases.planStop(stopNs, stopNs + config.timeout().toNanos());
        startTimetable(measureStartNs);
        wakeAll(loops);
        return measure(connectPhase, loops, loopsFinished, collector, measureStartNs, measureStartNs, stopNs,
                measureStartNs);
    }

    /**
     * A sweep: its steps ({@link SweepReporter}), then the stop and a drain whose late replies
     * count in no step (the last step's window has closed).
     */
    private RunResult sweep(CountDownLatch connectPhase, List<ClientLoop> loops, CountDownLatch loopsFinished,
                            IntervalCollector collector) throws InterruptedException {
        SweepReporter reporter = new SweepReporter(config, phases, collector, errors, intervalLog, this::progress, err,
                this::wallMs);
        SweepReporter.Outcome outcome = reporter.run(trafficStartNs, loopsFinished,
                () -> connectPhase.getCount() == 0 && counters.established() == 0);
        if (outcome == null) {
            return abort(loops, loopsFinished, collector);
        }
        long stopNs = System.nanoTime();
        phases.planStop(stopNs, stopNs + config.timeout().toNanos());
        wakeAll(loops);
        loopsFinished.await(config.timeout().toNanos() + LOOP_EXIT_GRACE_NS, TimeUnit.NANOSECONDS);
        collector.collect();
        printErrorMessages();
        err.println(ProgressLine.drain((System.nanoTime() - startNs) / 1e9, collector.intervalLatency().getTotalCount(),
                errors.total(), counters.open(), plannedConnections()));
        err.flush();
        RateSweep sweep = outcome.sweep();
        return new RunResult(collector.totalLatency(), collector.totalService(), outcome.measuredSeconds(),
                outcome.repliesInWindows(), errors, errors.mismatch(), outcome.firstWarmupSeconds(), null,
                new SweepResult(sweep.steps(), sweep.capacity(), sweep.stopReason()));
    }

    /**
     * Ticks until the stop (and the drain), adding measured intervals to the totals.
     *
     * @param tickEpochNs ticks fall on whole seconds after it (and on {@code measureStartNs} and {@code stopNs})
     * @param lastTickNs  when the recorders were last emptied
     */
    private RunResult measure(CountDownLatch connectPhase, List<ClientLoop> loops, CountDownLatch loopsFinished,
                              IntervalCollector collector, long tickEpochNs, long measureStartNs, long stopNs,
                              long lastTickNs) throws InterruptedException {
        long plannedNs = lastTickNs;
        long actualNs = lastTickNs;
        long measureStartActualNs = measureStartNs <= lastTickNs ? lastTickNs : Long.MIN_VALUE;
        long measureEndActualNs = Long.MIN_VALUE;
        while (true) {
            long nextNs = nextTick(plannedNs, tickEpochNs, measureStartNs, stopNs);
            boolean allFinished = loopsFinished.await(Math.max(0, nextNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            long nowNs = System.nanoTime();
            if (connectPhase.getCount() == 0 && counters.established() == 0) {
                return abort(loops, loopsFinished, collector);
            }
            collector.collect();
            boolean measured = plannedNs >= measureStartNs;
            if (measured) {
                record(collector, actualNs, nowNs);
                if (timeline != null) {
                    timeline.add(collector.intervalLatency(), actualNs, nowNs, errors.total());
                }
            }
            progress(nowNs, plannedNs >= measureStartNs ? "measure" : "warmup", collector, nowNs - actualNs);
            if (nextNs == measureStartNs && !allFinished) {
                measureStartActualNs = nowNs;
            }
            plannedNs = allFinished ? nowNs : nextNs;
            actualNs = nowNs;
            if (allFinished || nextNs == stopNs) {
                measureEndActualNs = nowNs;
                break;
            }
        }
        long repliesInWindow = collector.totalLatency().getTotalCount();
        loopsFinished.await(stopNs - System.nanoTime() + config.timeout().toNanos() + LOOP_EXIT_GRACE_NS,
                TimeUnit.NANOSECONDS);
        long drainEndNs = System.nanoTime();
        collector.collect();
        boolean reachedMeasurement = measureStartActualNs != Long.MIN_VALUE;
        if (reachedMeasurement) {
            record(collector, actualNs, drainEndNs);
        }
        printErrorMessages();
        if (counters.reopened() > 0) {
            err.println("reconnected: " + counters.reopened() + " connections reopened after failing");
        }
        err.println(ProgressLine.drain((drainEndNs - startNs) / 1e9, collector.intervalLatency().getTotalCount(),
                errors.total(), counters.open(), plannedConnections()));
        err.flush();
        double measuredSeconds = reachedMeasurement ? (measureEndActualNs - measureStartActualNs) / 1e9 : 0.0;
        long warmupEndNs = reachedMeasurement ? measureStartActualNs : measureEndActualNs;
        return new RunResult(collector.totalLatency(), collector.totalService(), measuredSeconds, repliesInWindow,
                errors, errors.mismatch(), (warmupEndNs - trafficStartNs) / 1e9, steadyState, null,
                timeline == null ? null : timeline.result());
    }

    /**
     * {@code --phases}: from {@code measureStartNs} on, the rate follows the timetable. Every
     * change is known now, long before it applies, so the schedules never miss one.
     */
    private void startTimetable(long measureStartNs) {
        RatePhases timetable = config.phases();
        if (timetable == null) {
            return;
        }
        for (int i = 1; i < timetable.phases().size(); i++) {
            phases.rateChanges().add(measureStartNs + timetable.startSecond(i) * TICK_NS,
                    timetable.phases().get(i).ratePerSec() / timetable.firstRatePerSec());
        }
        timeline = new PhaseTimeline(timetable, measureStartNs, errors.total());
    }

    /** The next tick after {@code afterNs}: a whole second after traffic start, the end of warm-up or the stop. */
    public static long nextTick(long afterNs, long trafficStartNs, long measureStartNs, long stopNs) {
        long seconds = Math.floorDiv(afterNs - trafficStartNs, TICK_NS) + 1;
        long nextNs = trafficStartNs + seconds * TICK_NS;
        if (measureStartNs > afterNs) {
            nextNs = Math.min(nextNs, measureStartNs);
        }
        return Math.min(nextNs, stopNs);
    }

    private void record(IntervalCollector collector, long fromNs, long toNs) {
        collector.addIntervalToTotals();
        if (intervalLog != null) {
            intervalLog.write(collector.intervalLatency(), collector.intervalService(), wallMs(fromNs), wallMs(toNs));
        }
    }

    private long wallMs(long nanoTimeNs) {
        return startWallMs + (nanoTimeNs - startNs) / 1_000_000L;
    }

    private RunResult abort(List<ClientLoop> loops, CountDownLatch loopsFinished, IntervalCollector collector)
            throws InterruptedException {
        phases.abort();
        wakeAll(loops);
        loopsFinished.await(LOOP_EXIT_GRACE_NS, TimeUnit.NANOSECONDS);
        printErrorMessages();
        String first = errors.firstConnectMessage();
        String message = errors.mismatch() != null ? errors.mismatch()
                : "no connection could be established" + (first == null ? "" : "; " + first);
        collector.collect();
        return new RunResult(collector.totalLatency(), collector.totalService(), 0.0, 0, errors, message, 0.0,
                steadyState);
    }

    private void progress(long nowNs, String phase, IntervalCollector collector, long intervalNs) {
        progress(nowNs, phase, collector.intervalLatency(), intervalNs, null);
    }

    /** @param detail what to add at the end of the line, or null */
    private void progress(long nowNs, String phase, Histogram interval, long intervalNs, String detail) {
        printErrorMessages();
        String line = ProgressLine.format((nowNs - startNs) / 1e9, phase, interval, intervalNs / 1e9,
                errors.total(), counters.open(), plannedConnections());
        err.println(detail == null ? line : line + "  " + detail);
        err.flush();
    }

    /** Connections the progress line counts against; hello churns, so it has none to speak of. */
    private int plannedConnections() {
        return config.mode() == Mode.HELLO ? 0 : config.connections();
    }

    private void printErrorMessages() {
        for (String message : errors.takeMessages()) {
            err.println("error: " + message);
        }
        err.flush();
    }

    private static void startThreads(List<ClientLoop> loops) {
        for (ClientLoop loop : loops) {
            Thread thread = new Thread(loop, "vtnio-load-" + loop.index());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void wakeAll(List<ClientLoop> loops) {
        for (ClientLoop loop : loops) {
            loop.wakeup();
        }
    }
}
