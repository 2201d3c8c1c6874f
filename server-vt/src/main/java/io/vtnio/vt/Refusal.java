package io.vtnio.vt;

import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * Refusal, the blocking way: a connection accepted beyond {@code --max-connections}: it is told
 * {@link Protocol#ERR_TOO_MANY_CONNECTIONS} and closed the way a too-long line is, FIN first and
 * input discarded for at most {@link ConnectionPolicy#errorLinger}, so the client reads the reason
 * rather than a reset. It never becomes a {@link Connection}: it is counted only as refused.
 *
 * <p>Threading: {@link #run} on a thread of its own; {@link #close} from any thread.
 */
final class Refusal implements Runnable {

    private static final int SCRATCH_BYTES = 256;

    private final Socket socket;
    private final ConnectionPolicy policy;
    private final Consumer<Refusal> onEnd;

    /** @param onEnd called with this refusal once its socket is closed, whichever way */
    Refusal(Socket socket, ConnectionPolicy policy, Consumer<Refusal> onEnd) {
        this.socket = socket;
        this.policy = policy;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            socket.getOutputStream().write(Protocol.ERR_TOO_MANY_CONNECTIONS);
            InputStream input = socket.getInputStream();
            ConnectionPolicy.Exit exit = policy.lingerAfterError(System.nanoTime());
            LingeringClose.discardInput(socket, input, new byte[SCRATCH_BYTES], exit.deadlineNanos(),
                    exit.quietNanos());
        } catch (IOException ignored) {
            // Gone before it could be told; nothing is owed to a refused connection.
        } finally {
            close();
            onEnd.accept(this);
        }
    }

    /** Closes the socket now, e.g. when the server stops; the refusal thread then ends. */
    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closed is all a refusal ever has to become.
        }
    }
}
