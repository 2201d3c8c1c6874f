package io.vtnio.vt;

import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Every open connection of one server and the virtual thread serving it. Accepted sockets come
 * in through {@link #open}; each gets its own thread running the session its mode's
 * {@link SessionFactory} creates, and stays registered until that thread ends. A graceful stop
 * goes through here too: {@link #stopReading} makes every session see end of stream, so it
 * answers what it has read and closes; {@link #awaitClosed} waits for that; {@link #forceClose}
 * ends whatever is left when the drain time is up.
 *
 * <p>Threading: {@link #open} from the accept loops; {@link #ended} from connection threads;
 * the stop methods from the thread running the server's stop; all may run concurrently.
 */
final class LiveConnections {

    private static final System.Logger LOG = System.getLogger(LiveConnections.class.getName());

    private final ThreadFactory threads = Thread.ofVirtual().name("vt-conn-", 0).factory();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final SessionFactory sessions;
    private final ServerMetrics metrics;
    private volatile boolean stopping;

    LiveConnections(SessionFactory sessions, ServerMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Takes over a freshly accepted socket and starts serving it; never throws. */
    void open(Socket socket) {
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
            return;
        }
        if (stopping) {
            // Accepted while a stop was starting: treat it like every other connection.
            connection.stopReading();
        }
    }

    /** Called by a connection's thread as it ends. */
    void ended(Connection connection) {
        open.remove(connection);
    }

    /** Every connection reads end of stream from now on and closes once it has answered. */
    void stopReading() {
        stopping = true;
        for (Connection connection : open) {
            connection.stopReading();
        }
    }

    /**
     * Waits until every connection thread has ended or {@code deadlineNanos}
     * ({@link System#nanoTime} time) has come.
     *
     * @return true if none is left
     */
    boolean awaitClosed(long deadlineNanos) throws InterruptedException {
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
        return open.isEmpty();
    }

    /** Closes every connection still open and interrupts its thread, e.g. out of a sleep. */
    void forceClose() {
        for (Connection connection : open) {
            connection.close();
            Thread thread = connection.thread();
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void closeUnserved(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do for a socket that never got served.
        }
        metrics.error();
        metrics.connectionClosed();
    }
}
