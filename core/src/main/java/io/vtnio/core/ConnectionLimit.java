package io.vtnio.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --max-connections}, enforced exactly and the same way in both servers: a connection is
 * admitted only while fewer than the limit are admitted and not yet closed, and it gives its
 * place back exactly once, when its socket closes. One more is refused with
 * {@link Protocol#ERR_TOO_MANY_CONNECTIONS}. Unlike sums of {@link ServerMetrics} counters, the
 * count can never be briefly stale.
 *
 * <pre>{@code
 * if (limit.tryAdmit()) { serve(socket); ... limit.release(); } else { refuse(socket); }
 * }</pre>
 *
 * <p>Threading: every method from any thread.
 */
public final class ConnectionLimit {

    private final int max;
    private final AtomicInteger admitted = new AtomicInteger();

    public ConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** Takes a place if one is free. */
    public boolean tryAdmit() {
        while (true) {
            int now = admitted.get();
            if (now >= max) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back the place of an admitted connection that has closed; once per admission. */
    public void release() {
        admitted.decrementAndGet();
    }

    /** Connections admitted and not yet released. */
    public int admitted() {
        return admitted.get();
    }

    public int max() {
        return max;
    }
}
