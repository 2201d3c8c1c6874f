package io.vtnio.vt;

import io.vtnio.core.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * A connection accepted beyond {@code --max-connections}: it is told
 * {@link Protocol#ERR_TOO_MANY_CONNECTIONS} and closed the way a too-long line is, FIN first and
 * input discarded for at most {@link Connection#ERROR_LINGER}, so the client reads the reason
 * rather than a reset. It never becomes a {@link Connection}: it is counted only as refused.
 *
 * <p>Threading: {@link #run} on a virtual thread of its own; {@link #close} from any thread.
 */
final class Refusal implements Runnable {

    private static final int SCRATCH_BYTES = 256;

    private final Socket socket;
    private final Consumer<Refusal> onEnd;

    /** @param onEnd called with this refusal once its socket is closed, whichever way */
    Refusal(Socket socket, Consumer<Refusal> onEnd) {
        this.socket = socket;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            socket.getOutputStream().write(Protocol.ERR_TOO_MANY_CONNECTIONS);
            InputStream input = socket.getInputStream();
            long lingerNanos = Connection.ERROR_LINGER.toNanos();
            LingeringClose.discardInput(socket, input, new byte[SCRATCH_BYTES], System.nanoTime() + lingerNanos,
                    lingerNanos);
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
