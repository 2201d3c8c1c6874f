package io.vtnio.loadgen.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One selector event loop of the generator on its own platform thread, owning a share of the
 * connections: it connects them, dispatches readiness, runs due timers (open-model sends,
 * ramp-up), times out replies and follows the {@link RunPhases} the reporter publishes. No
 * lock is taken on the hot path: connections record into this loop's own
 * {@link LatencyRecorder}, which the reporter reads without stopping the loop.
 *
 * <p>Waiting: the loop sleeps in {@code select} until the next timer, rounding down to
 * milliseconds; below one millisecond it polls the selector and parks for at most
 * {@value #SHORT_PARK_NS} ns at a time, so an open-model send is seldom more than that late and a
 * reply seldom waits longer than that to be timestamped, without spinning a core.
 *
 * <p>Threading: {@link #run} on the loop's own thread; everything else of this class and of its
 * connections is called from that thread only, except {@link #wakeup} and {@link #recorder},
 * which other threads may call.
 */
public final class ClientLoop implements Runnable {

    private static final long SCAN_INTERVAL_NS = 100_000_000L;
    private static final long DRAIN_SCAN_INTERVAL_NS = 5_000_000L;
    static final long SHORT_PARK_NS = 50_000L;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Chosen source ports tried per connect before the kernel is left to choose. */
    static final int SOURCE_PORT_RETRIES = 16;

    private final int index;
    private final RunPhases phases;
    private final RunErrors errors;
    private final ConnectionCounters counters;
    private final long timeoutNs;
    private final LatencyRecorder recorder;
    private final DeadlineHeap timers = new DeadlineHeap();
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final ByteBuffer sendBuffer;
    private final CountDownLatch connectPhaseDone;
    private final CountDownLatch loopsFinished;
    private final SourcePorts sourcePorts;
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    private LoopWorkload workload;
    private ClientConnection[] live = new ClientConnection[16];
    private int liveCount;
    private boolean connectPhaseReported;
    private boolean trafficStarted;
    private boolean sendingStopped;
    private boolean ending;

    /**
     * @param index            0-based, names the thread
     * @param openModel        whether service time differs from latency and is recorded apart
     * @param sendBufferBytes  room for composing messages; at least one message
     * @param sourcePorts      where connections that choose their source port bind
     * @param connectPhaseDone counted down once when this loop's connect phase is over
     * @param loopsFinished    counted down once when this loop has ended and closed everything
     */
    public ClientLoop(int index, RunPhases phases, RunErrors errors, ConnectionCounters counters, long timeoutNs,
               boolean openModel, int sendBufferBytes, SourcePorts sourcePorts, CountDownLatch connectPhaseDone,
               CountDownLatch loopsFinished) throws IOException {
        this.sourcePorts = sourcePorts;
        this.index = index;
        this.phases = phases;
        this.errors = errors;
        this.counters = counters;
        this.timeoutNs = timeoutNs;
        this.recorder = new LatencyRecorder(openModel);
        this.sendBuffer = ByteBuffer.allocate(Math.max(READ_BUFFER_BYTES, sendBufferBytes));
        this.connectPhaseDone = connectPhaseDone;
        this.loopsFinished = loopsFinished;
        this.selector = Selector.open();
    }

    /** Sets what this loop does; once, before the thread starts. */
    public void setWorkload(LoopWorkload workload) {
        this.workload = workload;
    }

    public int index() {
        return index;
    }

    /** This loop's recorders; the reporter takes interval histograms from them. */
    public LatencyRecorder recorder() {
        return recorder;
    }

    public ConnectionCounters counters() {
        return counters;
    }

    RunErrors errors() {
        return errors;
    }

    public DeadlineHeap timers() {
        return timers;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    ByteBuffer sendBuffer() {
        return sendBuffer;
    }

    /** When traffic started (the open-model schedules' common epoch); valid once started. */
    public long trafficStartNs() {
        return phases.trafficStartNs();
    }

    /** The run's rate changes, for the open model's schedules. */
    public RateChanges rateChanges() {
        return phases.rateChanges();
    }

    boolean sendingStopped() {
        return sendingStopped;
    }

    public int liveCount() {
        return liveCount;
    }

    /** Interrupts a sleeping {@code select}; any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            doRun();
        } catch (Throwable t) {
            errors.report(ErrorKind.INTERNAL, "loop " + index + " failed: " + t);
        } finally {
            closeAll();
            reportConnectPhaseDone();
            loopsFinished.countDown();
        }
    }

    private void doRun() throws IOException {
        workload.begin(System.nanoTime());
        long nextScanNs = System.nanoTime() + SCAN_INTERVAL_NS;
        while (!phases.aborted()) {
            long nowNs = System.nanoTime();
            if (!connectPhaseReported && workload.connectPhaseDone()) {
                reportConnectPhaseDone();
            }
            if (!trafficStarted && nowNs >= phases.trafficStartNs()) {
                trafficStarted = true;
                workload.startTraffic(nowNs);
            }
            if (trafficStarted && !sendingStopped && nowNs >= phases.stopSendingNs()) {
                sendingStopped = true;
                workload.stopSending(nowNs);
                nextScanNs = nowNs;
            }
            runDueTimers(nowNs);
            if (nowNs >= nextScanNs) {
                scanTimeouts(nowNs);
                nextScanNs = nowNs + (sendingStopped ? DRAIN_SCAN_INTERVAL_NS : SCAN_INTERVAL_NS);
                if (sendingStopped && workload.drained()) {
                    workload.finish(nowNs);
                    return;
                }
            }
            if (sendingStopped && nowNs >= phases.drainDeadlineNs()) {
                workload.finish(nowNs);
                return;
            }
            if (workload.exhausted()) {
                return;
            }
            waitForEvents(nextWakeNs(nextScanNs));
        }
    }

    private long nextWakeNs(long nextScanNs) {
        long wakeNs = Math.min(timers.earliestDueNs(), nextScanNs);
        if (!trafficStarted) {
            wakeNs = Math.min(wakeNs, phases.trafficStartNs());
        } else if (!sendingStopped) {
            wakeNs = Math.min(wakeNs, phases.stopSendingNs());
        } else {
            wakeNs = Math.min(wakeNs, phases.drainDeadlineNs());
        }
        return wakeNs;
    }

    private void waitForEvents(long wakeNs) throws IOException {
        long waitNs = wakeNs - System.nanoTime();
        if (waitNs <= 0) {
            selector.selectNow(dispatcher);
        } else if (waitNs < 1_000_000L) {
            if (selector.selectNow(dispatcher) == 0) {
                LockSupport.parkNanos(Math.min(waitNs, SHORT_PARK_NS));
            }
        } else {
            selector.select(dispatcher, waitNs / 1_000_000L);
        }
    }

    private void runDueTimers(long nowNs) {
        LoopTimer due;
        while ((due = timers.pollDue(nowNs)) != null) {
            due.onDue(nowNs);
        }
    }

    private void scanTimeouts(long nowNs) {
        for (int i = liveCount - 1; i >= 0; i--) {
            ClientConnection connection = live[i];
            long sinceNs = connection.waitingSinceNs();
            if (sinceNs != Long.MAX_VALUE && nowNs - sinceNs > timeoutNs) {
                connection.onTimeout(timeoutNs / 1_000_000L);
            }
        }
    }

    private void dispatch(SelectionKey key) {
        if (key.isValid()) {
            ((ClientConnection) key.attachment()).onSelected(key.readyOps());
        }
    }

    /** Starts connecting {@code connection}; failures are counted and the connection closed. */
    public void connect(ClientConnection connection, long nowNs) {
        addLive(connection);
        InetSocketAddress source = connection.choosesSourcePort() ? sourcePorts.source(connection.index())
                : connection.bindAddress() == null ? null : new InetSocketAddress(connection.bindAddress(), 0);
        for (int attempt = 1; ; attempt++) {
            try {
                connection.open(selector, source, nowNs);
                return;
            } catch (BindException e) {
                // The chosen port is taken (bind: in use; connect: that pair already connected to
                // this target, e.g. by another program): try another rather than fail.
                connection.abandonSocket();
                if (source == null || source.getPort() == 0 || attempt > SOURCE_PORT_RETRIES) {
                    connection.failIo(e);
                    return;
                }
                source = attempt == SOURCE_PORT_RETRIES ? new InetSocketAddress(source.getAddress(), 0)
                        : sourcePorts.retry(source);
            } catch (IOException e) {
                connection.failIo(e);
                return;
            }
        }
    }

    /** Ends the whole run at once (the server runs another mode); any loop thread. */
    void abortRun() {
        phases.abort();
    }

    void onConnected(ClientConnection connection, long nowNs) {
        counters.opened();
        workload.onConnected(connection, nowNs);
    }

    /** Called by a connection that became ready later than it connected (chat: joined). */
    void onReady(ClientConnection connection, long nowNs) {
        workload.onReady(connection, nowNs);
    }

    /** Called by a connection as it closes. */
    void onClosed(ClientConnection connection) {
        if (connection.isConnected()) {
            counters.closed();
        }
        removeLive(connection);
        if (!ending) {
            workload.onClosed(connection, System.nanoTime());
        }
    }

    private void reportConnectPhaseDone() {
        if (!connectPhaseReported) {
            connectPhaseReported = true;
            connectPhaseDone.countDown();
        }
    }

    private void addLive(ClientConnection connection) {
        if (liveCount == live.length) {
            live = Arrays.copyOf(live, liveCount * 2);
        }
        live[liveCount] = connection;
        connection.setLiveSlot(liveCount++);
    }

    private void removeLive(ClientConnection connection) {
        int slot = connection.liveSlot();
        if (slot < 0) {
            return;
        }
        ClientConnection last = live[--liveCount];
        live[slot] = last;
        last.setLiveSlot(slot);
        live[liveCount] = null;
        connection.setLiveSlot(-1);
    }

    /** Live connections, for workloads that act on all of them; do not close while iterating forwards. */
    public ClientConnection live(int slot) {
        return live[slot];
    }

    private void closeAll() {
        ending = true;
        for (int i = liveCount - 1; i >= 0; i--) {
            live[i].close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // The loop is over; a selector that fails to close leaks nothing we can reclaim.
        }
    }
}
