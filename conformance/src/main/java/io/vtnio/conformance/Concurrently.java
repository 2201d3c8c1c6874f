package io.vtnio.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one client task many times at once, each on a virtual thread (or on a pool of platform
 * threads), and rethrows the first failure as if the test thread had hit it.
 *
 * <pre>{@code
 * Concurrently.run(200, i -> {
 *     try (TestClient client = TestClient.connect(port)) { ... }
 * });
 * }</pre>
 *
 * <p>Threading: blocks the calling thread until every task has ended.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /** A task given its index, {@code 0 <= index < count}; may throw. */
    @FunctionalInterface
    public interface IndexedTask {
        void run(int index) throws Exception;
    }

    /** Runs {@code task(0)} to {@code task(count - 1)} at once and waits for all of them. */
    public static void run(int count, IndexedTask task) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            runAll(executor, count, task);
        }
    }

    /**
     * Runs {@code task(0)} to {@code task(count - 1)} on {@code threads} platform threads and waits
     * for all of them. For tasks that must make progress while this JVM's virtual threads are
     * saturated, e.g. by an in-process server and its busy clients: virtual threads are not
     * preempted, and new ones can wait a long time for a carrier then.
     */
    public static void runOnPlatformThreads(int count, int threads, IndexedTask task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
        try {
            runAll(executor, count, task);
        } finally {
            executor.shutdownNow();
        }
    }

    private static void runAll(ExecutorService executor, int count, IndexedTask task) throws Exception {
        List<Future<Void>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            results.add(executor.submit(() -> {
                task.run(index);
                return null;
            }));
        }
        awaitAll(results);
    }

    /** Waits for every result in order, rethrowing the first failure's own exception. */
    public static void awaitAll(List<? extends Future<?>> results) throws Exception {
        for (Future<?> result : results) {
            try {
                result.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw (Error) e.getCause();
            }
        }
    }
}
