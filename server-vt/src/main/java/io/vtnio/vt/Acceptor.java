package io.vtnio.vt;

import io.vtnio.core.AcceptBackoff;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Accepting, the blocking way: the accept loop of one listening port, on a thread of its own: accept, hand the
 * socket to {@link LiveConnections}, repeat. A failed accept while the port is still open (most
 * often EMFILE, out of descriptors) is counted and followed by an {@link AcceptBackoff} pause,
 * because the listening socket stays ready and retrying at once would spin a core; open
 * connections keep being served meanwhile. Nothing but {@link #close} ends the loop.
 *
 * <p>Threading: {@link #start} once and {@link #close}/{@link #awaitExit} from the server's
 * controlling thread; the loop runs on its own thread.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final ServerSocket serverSocket;
    private final LiveConnections connections;
    private final ServerMetrics metrics;
    private final AcceptBackoff backoff = new AcceptBackoff();
    private final Thread thread;

    /** @param threads makes the accept loop's thread, of the server's {@link ConnectionThreads} kind */
    Acceptor(ServerSocket serverSocket, LiveConnections connections, ServerMetrics metrics, ThreadFactory threads) {
        this.serverSocket = serverSocket;
        this.connections = connections;
        this.metrics = metrics;
        this.thread = threads.newThread(this::acceptUntilClosed);
    }

    void start() {
        thread.start();
    }

    /** Stops accepting: closes the port and wakes the loop if it is pausing. */
    void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // The port is released even when close complains.
        }
        thread.interrupt();
    }

    /** Waits for the loop to end after {@link #close}; it ends promptly. */
    void awaitExit() throws InterruptedException {
        if (thread.isAlive()) {
            thread.join();
        }
    }

    private void acceptUntilClosed() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (Throwable e) {
                // Throwable, not IOException: an Error out of the JDK (say, out of memory for a
                // moment) must not end accepting for good; the pause keeps a lasting one cheap.
                if (serverSocket.isClosed()) {
                    return;
                }
                if (!(e instanceof IOException)) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed unexpectedly; retrying", e);
                }
                pause(connections.policy().afterAcceptFailure(metrics, backoff));
                continue;
            }
            backoff.succeeded();
            connections.open(socket);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            // close() interrupts to end the pause; the loop condition sees the closed port.
        }
    }
}
