package io.vtnio.vt;

import io.vtnio.core.ConnectionEnd;
import java.io.IOException;

/**
 * What one connection does for its whole life in the server's {@code --mode}, run as the body
 * of the connection's own thread. {@link #run} is the thin wrapper that turns any fault
 * into a counted close of this connection only and unregisters it; subclasses write
 * {@link #serve} in plain blocking style and normally close the connection on their way out.
 *
 * <p>The session is the thread's {@code Runnable} itself, with no wrapper frames in between:
 * a parked virtual thread keeps its stack on the heap, so every frame below the blocking read
 * is paid for by each idle connection.
 *
 * <p>Threading: {@link #run} runs once, on the connection's thread, and everything
 * {@link #serve} does happens there unless a subclass says otherwise.
 */
abstract class ConnectionSession implements Runnable {

    private static final System.Logger LOG = System.getLogger(ConnectionSession.class.getName());

    final Connection connection;

    ConnectionSession(Connection connection) {
        this.connection = connection;
    }

    /**
     * Serves the connection until it ends. An {@link IOException} ends this connection only,
     * counted as {@link ConnectionEnd} says; {@link InterruptedException} means a forced stop.
     */
    abstract void serve() throws IOException, InterruptedException;

    /**
     * What this connection is owed right now, asked after {@link #serve} failed: a client's reset
     * is no error when this is {@link ConnectionEnd.Owed#NOTHING}.
     */
    abstract ConnectionEnd.Owed owed();

    @Override
    public final void run() {
        try {
            serve();
        } catch (IOException e) {
            connection.end(ConnectionEnd.afterFailure(e, owed()));
        } catch (InterruptedException e) {
            // Only a forced stop interrupts a connection thread, and it has closed the socket.
            connection.close();
        } catch (RuntimeException | Error e) {
            connection.fail();
            LOG.log(System.Logger.Level.ERROR, "connection session failed", e);
        } finally {
            // Normally a no-op: sessions close on every path they know of.
            connection.close();
            connection.ended();
        }
    }
}
