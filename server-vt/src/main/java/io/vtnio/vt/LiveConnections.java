package io.vtnio.vt;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Every open connection of one server and the thread serving it. Accepted sockets come in
 * through {@link #open}; while the {@link ConnectionLimit} admits them each gets its own thread
 * running the session its mode's {@link SessionFactory} creates, and stays registered until that
 * thread ends; one more is handed to a {@link Refusal} instead. {@link GracefulStop} reads the
 * registry and raises the stop flag every session checks after each read.
 *
 * <p>Threading: {@link #open} from the accept loops (one per port, concurrently); {@link #ended}
 * and {@link #released} from connection threads; the stop methods from the thread running the
 * server's stop; all may run concurrently.
 */
final class LiveConnections {

    private static final System.Logger LOG = System.getLogger(LiveConnections.class.getName());

    private final ThreadFactory threads;
    private final ThreadFactory refusalThreads;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Refusal> refusals = ConcurrentHashMap.newKeySet();
    private final SessionFactory sessions;
    private final ServerMetrics metrics;
    private final ConnectionLimit limit;
    private final ConnectionPolicy policy;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;

    LiveConnections(SessionFactory sessions, ServerMetrics metrics, ConnectionLimit limit, ConnectionPolicy policy,
                    ConnectionThreads kind) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.limit = limit;
        this.policy = policy;
        this.threads = kind.factory("conn");
        this.refusalThreads = kind.factory("refusal");
    }

    /** Takes over a freshly accepted socket and serves or refuses it; never throws. */
    void open(Socket socket) {
        if (!limit.tryAdmit()) {
            refuse(socket);
            return;
        }
        Connection connection;
        try {
            connection = new Connection(socket, metrics, this);
        } catch (IOException e) {
            // Typically reset before we got to it: accepted, an error, closed, as the policy counts it.
            closeUnserved(socket);
            return;
        }
        metrics.connectionAccepted();
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
        Refusal refusal = new Refusal(socket, policy, refusals::remove);
        refusals.add(refusal);
        try {
            refusalThreads.newThread(refusal).start();
        } catch (RuntimeException | OutOfMemoryError e) {
            refusals.remove(refusal);
            refusal.close();
        }
    }

    /** The decisions about every connection's life, and their timings. */
    ConnectionPolicy policy() {
        return policy;
    }

    /** Called by a connection's thread as it ends. */
    void ended(Connection connection) {
        open.remove(connection);
    }

    /** Called once per admitted connection as its socket closes: one more may be admitted. */
    void released() {
        limit.release();
    }

    /** The connections open now, with their threads; for the stop. */
    Set<Connection> open() {
        return open;
    }

    /** The refusals still telling their clients; for a forced stop. */
    Set<Refusal> refusals() {
        return refusals;
    }

    /** Set by {@link GracefulStop} before it waits: every session sees it after its next read. */
    void beginStop(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        stopping = true; // after the deadline: a connection that sees the flag reads the deadline
    }

    /** True once a graceful stop has begun; read by every session after each read. */
    boolean stopping() {
        return stopping;
    }

    /** When a stopping connection gives up lingering, in {@link System#nanoTime} time. */
    long stopDeadlineNanos() {
        return stopDeadlineNanos;
    }

    private void closeUnserved(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do for a socket that never got served.
        }
        limit.release();
        policy.afterSetupFailure(metrics);
    }
}
