package io.vtnio.vt;

import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open connection of one server and the virtual thread serving it. Accepted sockets come
 * in through {@link #open}; up to {@code maxConnections} at a time each get their own thread
 * running the session its mode's {@link SessionFactory} creates, and stay registered until that
 * thread ends; one more is handed to a {@link Refusal} instead. A graceful stop goes through here
 * too: {@link #beginStop} asks every connection to finish after the read in hand,
 * {@link #awaitClosed} waits for that while shutting the input of connections blocked in a read on
 * an idle connection, and {@link #forceClose} ends whatever is left when the drain time is up.
 *
 * <p>Threading: {@link #open} from the accept loops (one per port, concurrently); {@link #ended}
 * and {@link #slotFreed} from connection threads; the stop methods from the thread running the
 * server's stop; all may run concurrently.
 */
final class LiveConnections {

    private static final System.Logger LOG = System.getLogger(LiveConnections.class.getName());
    /** How often a stop looks for connections blocked on a silent client. */
    private static final Duration STOP_POLL = Duration.ofMillis(10);

    private final ThreadFactory threads = Thread.ofVirtual().name("vt-conn-", 0).factory();
    private final ThreadFactory refusalThreads = Thread.ofVirtual().name("vt-refusal-", 0).factory();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Refusal> refusals = ConcurrentHashMap.newKeySet();
    private final SessionFactory sessions;
    private final ServerMetrics metrics;
    private final int maxConnections;
    /** Connections admitted and not yet closed; exact, unlike the sums of the metrics. */
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;

    LiveConnections(SessionFactory sessions, ServerMetrics metrics, int maxConnections) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.maxConnections = maxConnections;
    }

    /** Takes over a freshly accepted socket and serves or refuses it; never throws. */
    void open(Socket socket) {
        if (admitted.incrementAndGet() > maxConnections) {
            admitted.decrementAndGet();
            refuse(socket);
            return;
        }
        metrics.connectionAccepted();
        Connection connection;
        try {
            connection = new Connection(socket, metrics, this);
        } catch (IOException e) {
            // Typically reset before we got to it; no Connection exists to count the close.
            closeUnserved(socket);
            return;
        }
        try {
            Thread thread = threads.newThread(sessions.open(connection));
            connection.thread(thread);
            open.add(connection);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            open.remove(connection);
            connection.fail();
            LOG.log(System.Logger.Level.WARNING, "cannot start a connection thread", e);
        }
    }

    private void refuse(Socket socket) {
        metrics.connectionRefused();
        Refusal refusal = new Refusal(socket, refusals::remove);
        refusals.add(refusal);
        try {
            refusalThreads.newThread(refusal).start();
        } catch (RuntimeException | OutOfMemoryError e) {
            refusals.remove(refusal);
            refusal.close();
        }
    }

    /** Called by a connection's thread as it ends. */
    void ended(Connection connection) {
        open.remove(connection);
    }

    /** Called once per admitted connection as its socket closes: one more may be admitted. */
    void slotFreed() {
        admitted.decrementAndGet();
    }

    /**
     * Every connection finishes after the read in hand and closes once it has answered; those
     * accepted from now on too. Gives up at {@code deadlineNanos} ({@link System#nanoTime} time).
     */
    void beginStop(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        stopping = true; // after the deadline: a connection that sees the flag reads the deadline
    }

    /** True once {@link #beginStop} was called; read by every session after each read. */
    boolean stopping() {
        return stopping;
    }

    /** When a stopping connection gives up lingering, in {@link System#nanoTime} time. */
    long stopDeadlineNanos() {
        return stopDeadlineNanos;
    }

    /**
     * Waits until every connection thread has ended or {@code deadlineNanos} ({@link System#nanoTime}
     * time) has come. Meanwhile a session blocked in a read on an idle connection
     * ({@link Connection#isIdleInRead}) gets its input shut, so it ends without waiting for a byte
     * that may never come; a client still sending, or still reading its replies, is left to its
     * session, which sees the stop after its next read.
     *
     * @return true if none is left
     */
    boolean awaitClosed(long deadlineNanos) throws InterruptedException {
        while (!open.isEmpty()) {
            long nowNanos = System.nanoTime();
            if (nowNanos - deadlineNanos >= 0) {
                return false;
            }
            for (Connection connection : open) {
                if (connection.isIdleInRead(nowNanos)) {
                    connection.stopReading();
                }
            }
            Thread.sleep(Duration.ofNanos(Math.min(STOP_POLL.toNanos(), deadlineNanos - nowNanos)));
        }
        return true;
    }

    /** Waits at most until {@code deadlineNanos} for the threads of the connections still open. */
    void awaitThreads(long deadlineNanos) throws InterruptedException {
        for (Connection connection : List.copyOf(open)) {
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) {
                break;
            }
            Thread thread = connection.thread();
            if (thread != null) {
                thread.join(Duration.ofNanos(remainingNanos));
            }
        }
    }

    /** Closes every connection and refusal still open and interrupts its thread, e.g. out of a sleep. */
    void forceClose() {
        for (Connection connection : open) {
            connection.close();
            Thread thread = connection.thread();
            if (thread != null) {
                thread.interrupt();
            }
        }
        for (Refusal refusal : refusals) {
            refusal.close();
        }
    }

    private void closeUnserved(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do for a socket that never got served.
        }
        admitted.decrementAndGet();
        metrics.error();
        metrics.connectionClosed();
    }
}
