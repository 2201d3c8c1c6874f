package io.vtnio.loadgen.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's small parts on their own: schedule, timers, outstanding ring, message formats. */

/** The loop's timer heap. */
class DeadlineHeapTest {
    @Test
    void deadlineHeapPopsInDueOrderAndRemovesAnywhere() {
        DeadlineHeap heap = new DeadlineHeap();
        List<Timer> timers = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Timer timer = new Timer();
            timers.add(timer);
            heap.schedule(timer, random.nextInt(10_000));
        }
        for (int i = 0; i < 100; i++) {
            heap.remove(timers.get(i * 5));
            heap.schedule(timers.get(i * 5 + 1), random.nextInt(10_000));
        }
        assertEquals(400, heap.size());
        long last = Long.MIN_VALUE;
        LoopTimer due;
        int popped = 0;
        while ((due = heap.pollDue(Long.MAX_VALUE - 1)) != null) {
            assertTrue(due.dueNs >= last);
            assertFalse(due.isScheduled());
            last = due.dueNs;
            popped++;
        }
        assertEquals(400, popped);
        assertNull(heap.pollDue(Long.MAX_VALUE - 1));
        assertEquals(Long.MAX_VALUE, heap.earliestDueNs());
    }
    private static final class Timer extends LoopTimer {
        @Override
        protected void onDue(long nowNs) {
        }
    }
}
