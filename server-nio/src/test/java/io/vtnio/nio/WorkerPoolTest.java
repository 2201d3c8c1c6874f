package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WorkerPoolTest {

    @Test
    void workRunsOnNumberedDaemonThreads() throws Exception {
        WorkerPool pool = new WorkerPool(2);
        try {
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            pool.submit(() -> ran.complete(Thread.currentThread()));

            Thread worker = ran.get(10, TimeUnit.SECONDS);
            assertEquals("nio-worker-0", worker.getName());
            assertTrue(worker.isDaemon(), "a sleeping --work must not hold up the JVM's exit");
            assertFalse(worker.isVirtual());
        } finally {
            pool.shutdownNow(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    void shutdownNowInterruptsWorkAndRefusesMore() throws Exception {
        WorkerPool pool = new WorkerPool(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        pool.submit(() -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.HOURS.toMillis(1));
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));

        pool.shutdownNow(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));

        assertTrue(interrupted.get(10, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> { }));
    }
}
