package io.vtnio.loadgen.client;

/**
 * The requests of one connection still waiting for their reply, oldest first, each with its
 * scheduled and actual send time. Entries are addressed by sequence number, so marking the
 * {@code n}-th message as sent when its last byte leaves the socket costs one array store.
 *
 * <pre>{@code
 * long seq = ring.add(scheduledNs);   // queued for sending
 * ring.markSent(seq, nowNs);          // its last byte was written
 * long latencyNs = nowNs - ring.oldestScheduledNs(); ring.removeOldest();  // reply arrived
 * }</pre>
 *
 * <p>Starts small and doubles when full, which happens only while replies fall behind (open
 * model against a slow server); that growth is the only allocation.
 *
 * <p>Threading: not thread-safe; owned by one connection on its loop thread.
 */
public final class OutstandingRing {

    private long[] scheduledNs;
    private long[] sentNs;
    private int mask;
    private long oldest;
    private long next;

    /** @param initialCapacity rounded up to a power of two, at least 1 */
    public OutstandingRing(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(1, initialCapacity - 1) * 2);
        scheduledNs = new long[capacity];
        sentNs = new long[capacity];
        mask = capacity - 1;
    }

    /** Queues the next request; returns its sequence number (0, 1, 2, ...). */
    public long add(long scheduledAtNs) {
        if (next - oldest == scheduledNs.length) {
            grow();
        }
        int slot = (int) next & mask;
        scheduledNs[slot] = scheduledAtNs;
        sentNs[slot] = 0;
        return next++;
    }

    /** Records when request {@code sequence} (still outstanding) left the socket. */
    public void markSent(long sequence, long atNs) {
        sentNs[(int) sequence & mask] = atNs;
    }

    public boolean isEmpty() {
        return next == oldest;
    }

    int size() {
        return (int) (next - oldest);
    }

    /** Sequence number of the oldest outstanding request: the one the next reply must answer. */
    public long oldestSequence() {
        return oldest;
    }

    /** Sequence number the next {@link #add} returns. */
    long nextSequence() {
        return next;
    }

    public long oldestScheduledNs() {
        return scheduledNs[(int) oldest & mask];
    }

    public long oldestSentNs() {
        return sentNs[(int) oldest & mask];
    }

    public void removeOldest() {
        if (next == oldest) {
            throw new IllegalStateException("no outstanding request");
        }
        oldest++;
    }

    private void grow() {
        int capacity = scheduledNs.length * 2;
        long[] newScheduled = new long[capacity];
        long[] newSent = new long[capacity];
        int newMask = capacity - 1;
        for (long seq = oldest; seq < next; seq++) {
            newScheduled[(int) seq & newMask] = scheduledNs[(int) seq & mask];
            newSent[(int) seq & newMask] = sentNs[(int) seq & mask];
        }
        scheduledNs = newScheduled;
        sentNs = newSent;
        mask = newMask;
    }
}
