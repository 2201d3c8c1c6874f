package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConnectionLimitTest {

    @Test
    void admitsUpToTheLimitThenRefuses() {
        ConnectionLimit limit = new ConnectionLimit(3);
        assertTrue(limit.tryAdmit());
        assertTrue(limit.tryAdmit());
        assertTrue(limit.tryAdmit());
        assertFalse(limit.tryAdmit());
        assertFalse(limit.tryAdmit());
        assertEquals(3, limit.admitted());
        assertEquals(3, limit.max());
    }

    @Test
    void aLimitOfOneAdmitsOneAndZeroIsRefused() {
        ConnectionLimit one = new ConnectionLimit(1);
        assertTrue(one.tryAdmit());
        assertFalse(one.tryAdmit());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimit(0));
    }

    @Test
    void releaseFreesExactlyOnePlace() {
        ConnectionLimit limit = new ConnectionLimit(2);
        limit.tryAdmit();
        limit.tryAdmit();
        limit.release();
        assertEquals(1, limit.admitted());
        assertTrue(limit.tryAdmit());
        assertFalse(limit.tryAdmit());
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimit(0));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimit(-5));
    }

    @Test
    @Timeout(30)
    void concurrentAdmitsNeverExceedTheLimit() throws InterruptedException {
        int max = 50;
        int threads = 16;
        int attemptsPerThread = 1_000;
        ConnectionLimit limit = new ConnectionLimit(max);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (limit.tryAdmit()) {
                            int now = admitted.incrementAndGet();
                            highest.accumulateAndGet(now, Math::max);
                            // Every second admission gives its place back, so places churn while others race.
                            if (i % 2 == 0) {
                                admitted.decrementAndGet();
                                limit.release();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        start.countDown();
        assertTrue(done.await(20, TimeUnit.SECONDS));
        for (Thread thread : started) {
            thread.join();
        }
        assertTrue(highest.get() <= max, "held at once: " + highest.get());
        assertEquals(max, limit.admitted(), "kept places fill the limit exactly");
        assertEquals(max, admitted.get());
        assertFalse(limit.tryAdmit());
    }
}
