package io.vtnio.core;

/**
 * How long to stop accepting after an accept fails, typically with EMFILE (out of descriptors):
 * 10 ms, doubling to at most one second, back to 10 ms after the next accept succeeds. Pausing
 * is what keeps a server from spinning on a listening socket that stays readable while no
 * descriptor is free; open connections are served meanwhile.
 *
 * <p>Threading: not thread-safe; one per accepting thread or loop.
 */
public final class AcceptBackoff {

    static final long FIRST_DELAY_MILLIS = 10;
    static final long MAX_DELAY_MILLIS = 1_000;

    private long nextDelayMillis = FIRST_DELAY_MILLIS;

    /** The pause to take now; each call without an intervening {@link #succeeded} doubles it. */
    public long failed() {
        long delay = nextDelayMillis;
        nextDelayMillis = Math.min(MAX_DELAY_MILLIS, nextDelayMillis * 2);
        return delay;
    }

    /** An accept worked: the next failure starts from the first delay again. */
    public void succeeded() {
        nextDelayMillis = FIRST_DELAY_MILLIS;
    }
}
