package io.vtnio.loadgen.engine;

/**
 * Something a {@link ClientLoop} must run at a given time: a connection's next scheduled send,
 * the next connection of a ramp-up, the next connect of the hello workload. It carries its own
 * position in the {@link DeadlineHeap} so it can be removed without a search.
 *
 * <p>Threading: touched only by the owning loop's thread.
 */
public abstract class LoopTimer {

    /** When to run, {@link System#nanoTime} clock; read by the heap. */
    public long dueNs;

    /** Index in the heap, or -1 when not scheduled; maintained by the heap. */
    int heapIndex = -1;

    /** Runs at or after {@link #dueNs}; may schedule itself again. */
    protected abstract void onDue(long nowNs);

    public final boolean isScheduled() {
        return heapIndex >= 0;
    }
}
