package io.vtnio.nio;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool of platform threads ({@code nio-worker-N}) that does {@code --work}, so that
 * a blocking call never runs on an event loop. Its queue needs no bound of its own: a connection
 * has at most one item in flight, so the queue never holds more items than there are connections.
 *
 * <p>Threading: {@link #submit} from any thread (loops call it); {@link #shutdownNow} once, from
 * the stopping thread.
 */
final class WorkerPool {

    private final ThreadPoolExecutor executor;

    WorkerPool(int threads) {
        AtomicInteger serial = new AtomicInteger();
        // Threads start on first use, so a server without --work never creates them.
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "nio-worker-" + serial.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** @throws RejectedExecutionException once the pool is shut down */
    void submit(Runnable task) {
        executor.execute(task);
    }

    /**
     * Interrupts work in progress (a sleeping {@code --work} returns early) and waits for it at most
     * {@code waitNanos}: work that ignores interrupts may still run afterwards, on daemon threads.
     */
    void shutdownNow(long waitNanos) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    }
}
