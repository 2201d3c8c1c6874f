package io.vtnio.loadgen.client;

import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.LoopTimer;
import io.vtnio.loadgen.engine.LoopWorkload;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The echo and chat workload of one loop: a fixed set of connections opened during the connect
 * phase, at most {@value #MAX_PENDING_CONNECTS} connects in flight at a time and, with
 * {@code --connect-rate}, no faster than this loop's share of that rate. The connect phase is
 * over when every connection is ready or failed; one that fails then is counted and stays closed.
 *
 * <p>Once traffic has started, an echo connection that fails (its error counted as always) is
 * replaced by its {@link ClientConnection#successor}, which connects after a back-off:
 * {@value #FIRST_RECONNECT_DELAY_MS} ms after a connection that had worked, doubling up to
 * {@value #MAX_RECONNECT_DELAY_MS} ms while attempts keep failing (refused connects count as
 * connect errors), so a dead server is not hammered. Reconnects share the limit on connects in
 * flight, ignore {@code --connect-rate}, and end when sending stops. Chat connections are not
 * reopened.
 *
 * <p>Chat adds a join handshake: a server registers a client some time after its connect
 * completes, and lines broadcast before that never reach it. So until all of this loop's
 * connections have joined, one of them sends a join probe every {@value #JOIN_PROBE_INTERVAL_MS}
 * ms; a connection that receives any probe is registered, and publishing starts only when every
 * connection of the process is.
 *
 * <p>Doubles as the ramp-up timer: when the next connect is not yet due it schedules itself.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
public final class PersistentConnections extends LoopTimer implements LoopWorkload {

    /** Connects in flight per loop; more at once only overflow the server's accept backlog. */
    static final int MAX_PENDING_CONNECTS = 256;
    static final long JOIN_PROBE_INTERVAL_MS = 100;
    static final long FIRST_RECONNECT_DELAY_MS = 100;
    static final long MAX_RECONNECT_DELAY_MS = 1000;

    private final ClientLoop loop;
    private final List<ClientConnection> planned;
    private final double connectRatePerSec;
    private final JoinProbe joinProbe;
    /** Per slot of {@link #planned}: the back-off before its last reconnect, 0 if none yet. */
    private final long[] reconnectDelayNs;
    /** Reconnects whose back-off is over, waiting for a connect slot. */
    private final ArrayDeque<ClientConnection> awaitingConnectSlot = new ArrayDeque<>();
    /** Reconnects scheduled or waiting for a slot: the loop is not done while there are any. */
    private int pendingReconnects;
    private long epochNs;
    private int nextToConnect;
    private int pendingConnects;
    private int settled;
    private boolean trafficStarted;
    private boolean stopped;

    /**
     * @param connectRatePerSec this loop's share of {@code --connect-rate}, or 0 for as fast as possible
     * @param chat              whether connections must join (chat) before they are ready
     */
    public PersistentConnections(ClientLoop loop, List<ClientConnection> planned, double connectRatePerSec, boolean chat) {
        this.loop = loop;
        this.planned = planned;
        this.connectRatePerSec = connectRatePerSec;
        this.joinProbe = chat ? new JoinProbe() : null;
        this.reconnectDelayNs = new long[planned.size()];
        for (int slot = 0; slot < planned.size(); slot++) {
            planned.get(slot).setWorkloadSlot(slot);
        }
    }

    @Override
    public void begin(long nowNs) {
        epochNs = nowNs;
        onDue(nowNs);
    }

    @Override
    protected void onDue(long nowNs) {
        while (nextToConnect < planned.size() && pendingConnects < MAX_PENDING_CONNECTS) {
            if (connectRatePerSec > 0) {
                long dueNs = epochNs + (long) (nextToConnect * 1e9 / connectRatePerSec);
                if (dueNs > nowNs) {
                    loop.timers().schedule(this, dueNs);
                    return;
                }
            }
            ClientConnection connection = planned.get(nextToConnect++);
            pendingConnects++;
            loop.connect(connection, nowNs);
        }
        while (!awaitingConnectSlot.isEmpty() && pendingConnects < MAX_PENDING_CONNECTS) {
            reconnectNow(awaitingConnectSlot.poll(), nowNs);
        }
    }

    private void freeConnectSlot(long nowNs) {
        pendingConnects--;
        if (!isScheduled()) {
            onDue(nowNs);
        }
    }

    @Override
    public boolean connectPhaseDone() {
        return settled == planned.size();
    }

    @Override
    public void onConnected(ClientConnection connection, long nowNs) {
        freeConnectSlot(nowNs);
        if (trafficStarted) {
            if (stopped) {
                connection.close();
            } else {
                loop.counters().countReopened();
                connection.startTraffic(nowNs);
            }
            return;
        }
        if (connection.isReady()) {
            settled++;
        } else if (joinProbe != null && !joinProbe.isScheduled()) {
            loop.timers().schedule(joinProbe, nowNs);
        }
    }

    @Override
    public void onReady(ClientConnection connection, long nowNs) {
        settled++;
    }

    @Override
    public void onClosed(ClientConnection connection, long nowNs) {
        if (trafficStarted) {
            if (!connection.isConnected()) {
                freeConnectSlot(nowNs);
            }
            if (!stopped) {
                reconnectLater(connection, nowNs);
            }
            return;
        }
        if (!connection.isConnected()) {
            freeConnectSlot(nowNs);
            settled++;
        } else if (!connection.isReady()) {
            settled++;
        }
    }

    /** Puts {@code failed}'s successor in its slot and connects it after the back-off. */
    private void reconnectLater(ClientConnection failed, long nowNs) {
        ClientConnection successor = failed.successor();
        if (successor == null) {
            return;
        }
        int slot = failed.workloadSlot();
        successor.setWorkloadSlot(slot);
        planned.set(slot, successor);
        long firstNs = FIRST_RECONNECT_DELAY_MS * 1_000_000L;
        long delayNs = failed.hasVerifiedReply() ? firstNs
                : Math.min(Math.max(firstNs, 2 * reconnectDelayNs[slot]), MAX_RECONNECT_DELAY_MS * 1_000_000L);
        reconnectDelayNs[slot] = delayNs;
        pendingReconnects++;
        loop.timers().schedule(new ReconnectTimer(successor), nowNs + delayNs);
    }

    private void reconnectNow(ClientConnection successor, long nowNs) {
        pendingReconnects--;
        if (stopped) {
            return;
        }
        pendingConnects++;
        loop.connect(successor, nowNs);
    }

    @Override
    public void startTraffic(long nowNs) {
        trafficStarted = true;
        if (joinProbe != null) {
            loop.timers().remove(joinProbe);
        }
        for (ClientConnection connection : planned) {
            connection.startTraffic(nowNs);
        }
    }

    @Override
    public void stopSending(long nowNs) {
        stopped = true;
        for (ClientConnection connection : planned) {
            connection.stopSending(nowNs);
        }
    }

    @Override
    public boolean drained() {
        for (int i = 0; i < loop.liveCount(); i++) {
            if (!loop.live(i).isDrained()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean exhausted() {
        return connectPhaseDone() && loop.liveCount() == 0 && (pendingReconnects == 0 || stopped);
    }

    @Override
    public void finish(long nowNs) {
        for (int i = loop.liveCount() - 1; i >= 0; i--) {
            if (i < loop.liveCount()) {
                loop.live(i).finish(nowNs);
            }
        }
        if (!stopped) {
            stopSending(nowNs);
        }
    }

    /** The end of one reconnect's back-off. */
    private final class ReconnectTimer extends LoopTimer {
        private final ClientConnection successor;

        ReconnectTimer(ClientConnection successor) {
            this.successor = successor;
        }

        @Override
        protected void onDue(long nowNs) {
            if (pendingConnects < MAX_PENDING_CONNECTS || stopped) {
                reconnectNow(successor, nowNs);
            } else {
                awaitingConnectSlot.add(successor);
            }
        }
    }

    /** Sends a chat join probe through some connected connection until all of this loop's have joined. */
    private final class JoinProbe extends LoopTimer {
        @Override
        protected void onDue(long nowNs) {
            if (connectPhaseDone()) {
                return;
            }
            for (int i = 0; i < loop.liveCount(); i++) {
                if (loop.live(i) instanceof ChatConnection chat && chat.isConnected()) {
                    chat.sendJoinProbe(loop.index(), nowNs);
                    break;
                }
            }
            loop.timers().schedule(this, nowNs + JOIN_PROBE_INTERVAL_MS * 1_000_000L);
        }
    }
}
