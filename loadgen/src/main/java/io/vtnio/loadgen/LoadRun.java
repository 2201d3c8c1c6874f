package io.vtnio.loadgen;

import io.vtnio.core.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * <p>Threading: {@link #execute} on one thread (it becomes the reporter), once.
 */
final class LoadRun {

    private static final long TICK_NS = 1_000_000_000L;
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

    /** @param intervalLog where measured intervals go, or null */
    LoadRun(LoadConfig config, PrintWriter err, IntervalLog intervalLog) {
        this.config = config;
        this.err = err;
        this.intervalLog = intervalLog;
    }

    RunResult execute() throws IOException, InterruptedException {
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
        long warmupNs = config.warmup().toNanos();
        long durationNs = config.duration().toNanos();
        long timeoutNs = config.timeout().toNanos();

        startNs = System.nanoTime();
        startWallMs = System.currentTimeMillis();
        if (hello) {
            phases.plan(startNs, startNs + warmupNs + durationNs, startNs + warmupNs + durationNs + timeoutNs);
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
                return measure(connectPhase, loops, loopsFinished, collector,
                        startNs, startNs + warmupNs, startNs + warmupNs + durationNs, startNs);
            }
            long lastTickNs = startNs;
            while (!connectPhase.await(Math.max(0, lastTickNs + TICK_NS - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                lastTickNs += TICK_NS;
                collector.collect();
                progress(lastTickNs, "connect", collector, TICK_NS);
            }
            if (counters.established() == 0) {
                return abort(loops, loopsFinished, collector);
            }
            // Empty the recorders before traffic may start, or its first replies would be dropped with them.
            collector.collect();
            long trafficStartNs = System.nanoTime();
            long measureStartNs = trafficStartNs + warmupNs;
            long stopNs = measureStartNs + durationNs;
            phases.plan(trafficStartNs, stopNs, stopNs + timeoutNs);
            wakeAll(loops);
            return measure(connectPhase, loops, loopsFinished, collector, trafficStartNs, measureStartNs, stopNs,
                    trafficStartNs);
        } finally {
            phases.abort();
            wakeAll(loops);
            loopsFinished.await(LOOP_EXIT_GRACE_NS, TimeUnit.NANOSECONDS);
        }
    }

    private RunResult measure(CountDownLatch connectPhase, List<ClientLoop> loops, CountDownLatch loopsFinished,
                              IntervalCollector collector, long trafficStartNs, long measureStartNs, long stopNs,
                              long lastTickNs) throws InterruptedException {
        long plannedNs = lastTickNs;
        long actualNs = lastTickNs;
        long measureStartActualNs = measureStartNs <= lastTickNs ? lastTickNs : Long.MIN_VALUE;
        long measureEndActualNs = Long.MIN_VALUE;
        while (true) {
            long nextNs = nextTick(plannedNs, trafficStartNs, measureStartNs, stopNs);
            boolean allFinished = loopsFinished.await(Math.max(0, nextNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            long nowNs = System.nanoTime();
            if (connectPhase.getCount() == 0 && counters.established() == 0) {
                return abort(loops, loopsFinished, collector);
            }
            collector.collect();
            boolean measured = plannedNs >= measureStartNs;
            if (measured) {
                record(collector, actualNs, nowNs);
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
        return new RunResult(collector.totalLatency(), collector.totalService(), measuredSeconds, repliesInWindow,
                errors, null);
    }

    /** The next tick after {@code afterNs}: a whole second after traffic start, the end of warm-up or the stop. */
    static long nextTick(long afterNs, long trafficStartNs, long measureStartNs, long stopNs) {
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
        String message = "no connection could be established"
                + (first == null ? "" : "; " + first);
        collector.collect();
        return new RunResult(collector.totalLatency(), collector.totalService(), 0.0, 0, errors, message);
    }

    private void progress(long nowNs, String phase, IntervalCollector collector, long intervalNs) {
        printErrorMessages();
        err.println(ProgressLine.format((nowNs - startNs) / 1e9, phase, collector.intervalLatency(), intervalNs / 1e9,
                errors.total(), counters.open(), plannedConnections()));
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
