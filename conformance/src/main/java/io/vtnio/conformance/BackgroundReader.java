package io.vtnio.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads lines from a {@link TestClient} on a virtual thread of its own and keeps those that match
 * a filter, so a test can keep several clients reading (as chat clients must, or the server
 * rightly drops them as slow consumers) while it writes from the test thread.
 *
 * <p>Threading: the reading thread appends; any thread may call {@link #lines} and the awaits.
 */
public final class BackgroundReader implements AutoCloseable {

    private final String name;
    private final TestClient client;
    private final Predicate<String> keep;
    private final List<String> lines = new ArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;

    private BackgroundReader(String name, TestClient client, Predicate<String> keep) {
        this.name = name;
        this.client = client;
        this.keep = keep;
        this.thread = Thread.ofVirtual().name("reader-" + name).unstarted(this::readLines);
    }

    /** Starts reading {@code client}, keeping the lines {@code keep} accepts. */
    public static BackgroundReader start(String name, TestClient client, Predicate<String> keep) {
        BackgroundReader reader = new BackgroundReader(name, client, keep);
        reader.thread.start();
        return reader;
    }

    /** A copy of the lines kept so far, in arrival order. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** How many lines have been kept so far. */
    public int count() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** Waits until at least {@code count} lines are kept; fails at once if reading failed. */
    public void awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.size() < count) {
                if (failure != null) {
                    throw new AssertionError(name + " stopped reading after " + lines.size() + " of " + count
                            + " lines: " + failure, failure);
                }
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    throw new AssertionError(name + " received " + lines.size() + " of " + count
                            + " lines within " + timeout);
                }
                lines.wait(Math.max(1, leftNanos / 1_000_000));
            }
        }
    }

    private void readLines() {
        try {
            while (true) {
                String line = client.readLine();
                if (keep.test(line)) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                failure = e;
            }
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Closes the client, which ends the reading thread. */
    @Override
    public void close() throws IOException {
        closed = true;
        client.close();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
