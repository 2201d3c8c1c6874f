package io.vtnio.nio;

import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ConnectionPolicy.Finish;

/**
 * A selector connection's {@link io.vtnio.core.ConnectionState#FINISHING} state, its sub-states explicit: why it finishes (the first
 * reason stays, so a stop does not undo an ERR line owed), whether the ERR line is still to be
 * queued, and the stop's deadline. The client half-closed exactly when it finishes for
 * {@code END_OF_STREAM}: a finishing connection reads no more, so no later end of stream is seen. The connection asks it what
 * may still be sent and, once nothing more is owed, which way out {@link ConnectionPolicy} takes.
 * Created only when a connection starts finishing: an open connection carries none.
 *
 * <pre>
 *   ERROR_LINE:    line owed ──queued last──▶ sealed ──owes nothing──▶ linger after the ERR
 *   GREETING:      sealed (the greeting is its one line) ──written──▶ close
 *   END_OF_STREAM: sends what it owes ──▶ close
 *   CLOSE_REQUESTED: sends what it owes ──▶ linger as after an ERR line (HTTP's Connection: close)
 *   STOP:          sends what it owes ──▶ close if idle, else linger while the client is active
 * </pre>
 *
 * <p>Threading: confined to the connection's loop thread.
 */
final class Finishing {

    private final Finish why;
    /** The ERR line until it is queued, last of all; then null. */
    private byte[] errorLine;
    /** When a stop gives up on the connection ({@link System#nanoTime} time), once a stop began. */
    private long stopDeadlineNanos;

    private Finishing(Finish why, byte[] errorLine) {
        this.why = why;
        this.errorLine = errorLine;
    }

    /**
     * {@code current} if it is finishing already (its reason stays), else a new one for {@code why},
     * which is not {@link Finish#ERROR_LINE} ({@link #becauseMalformed}).
     */
    static Finishing because(Finishing current, Finish why) {
        if (why == Finish.ERROR_LINE) {
            throw new IllegalArgumentException("an ERR line needs its bytes: becauseMalformed");
        }
        return current != null ? current : new Finishing(why, null);
    }

    /**
     * {@code current} if it is finishing already, else one that owes {@code refusal} (the ERR line,
     * or an HTTP error response: {@link io.vtnio.core.MessageDecoder#refusal}) last of all.
     */
    static Finishing becauseMalformed(Finishing current, byte[] refusal) {
        return current != null ? current : new Finishing(Finish.ERROR_LINE, refusal);
    }

    Finish why() {
        return why;
    }

    void stopDeadline(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
    }

    /** The ERR line to queue now, once, when nothing else is owed; null when none is. */
    byte[] takeErrorLine() {
        byte[] line = errorLine;
        errorLine = null;
        return line;
    }

    /** Bytes owed that are not queued yet: the ERR line still to send. */
    long unqueuedBytes() {
        return errorLine == null ? 0 : errorLine.length;
    }

    /** True once the last line it will ever send (greeting, ERR line) is queued: nothing may follow it. */
    boolean sealed() {
        return why == Finish.GREETING || (why == Finish.ERROR_LINE && errorLine == null);
    }

    /** Whether {@link ConnectionPolicy#afterFinishing} needs to know if the connection is idle. */
    boolean asksIdle() {
        return why == Finish.STOP;
    }

    /** The way out once nothing more is owed, as the policy decides. */
    ConnectionPolicy.Exit exit(ConnectionPolicy policy, boolean idle, long nowNanos) {
        return policy.afterFinishing(why, why == Finish.END_OF_STREAM, idle, nowNanos, stopDeadlineNanos);
    }
}
