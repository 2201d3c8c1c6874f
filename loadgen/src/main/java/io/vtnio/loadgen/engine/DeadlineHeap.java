package io.vtnio.loadgen.engine;

import java.util.Arrays;

/**
 * A binary min-heap of {@link LoopTimer}s ordered by due time: the loop asks for the earliest
 * deadline to know how long it may wait, and pops what is due. Insert, remove and reschedule
 * are O(log n) with no allocation once the array has grown to the number of timers.
 *
 * <p>Threading: not thread-safe; owned by one loop thread.
 */
public final class DeadlineHeap {

    private LoopTimer[] heap = new LoopTimer[64];
    private int size;

    public int size() {
        return size;
    }

    /** Earliest due time, or {@link Long#MAX_VALUE} when empty. */
    public long earliestDueNs() {
        return size == 0 ? Long.MAX_VALUE : heap[0].dueNs;
    }

    /** Schedules {@code timer} at {@code dueNs}, moving it if it was already scheduled. */
    public void schedule(LoopTimer timer, long dueNs) {
        if (timer.isScheduled()) {
            long old = timer.dueNs;
            timer.dueNs = dueNs;
            if (dueNs < old) {
                siftUp(timer.heapIndex);
            } else {
                siftDown(timer.heapIndex);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.dueNs = dueNs;
        heap[size] = timer;
        timer.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    /** Removes and returns the earliest timer if it is due at {@code nowNs}, else null. */
    public LoopTimer pollDue(long nowNs) {
        if (size == 0 || heap[0].dueNs > nowNs) {
            return null;
        }
        LoopTimer top = heap[0];
        removeAt(0);
        return top;
    }

    /** Unschedules {@code timer}; nothing happens if it is not scheduled. */
    public void remove(LoopTimer timer) {
        if (timer.isScheduled()) {
            removeAt(timer.heapIndex);
        }
    }

    private void removeAt(int index) {
        LoopTimer removed = heap[index];
        size--;
        if (index != size) {
            heap[index] = heap[size];
            heap[index].heapIndex = index;
            heap[size] = null;
            siftDown(index);
            siftUp(index);
        } else {
            heap[size] = null;
        }
        removed.heapIndex = -1;
    }

    private void siftUp(int index) {
        LoopTimer timer = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (heap[parent].dueNs <= timer.dueNs) {
                break;
            }
            heap[index] = heap[parent];
            heap[index].heapIndex = index;
            index = parent;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }

    private void siftDown(int index) {
        LoopTimer timer = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && heap[right].dueNs < heap[child].dueNs) {
                child = right;
            }
            if (timer.dueNs <= heap[child].dueNs) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }
}
