package io.vtnio.conformance;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that becomes true asynchronously, such as a server counter catching up
 * with what a client has already seen. Polls every millisecond; never asserts tight timings.
 *
 * <p>Threading: stateless.
 */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param description what is awaited, for the failure message
     * @param state       describes the current state, for the failure message
     * @return how long it took
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    public static Duration await(String description, Duration timeout, BooleanSupplier condition,
            Supplier<String> state) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(description + " did not happen within " + timeout + "; " + state.get());
            }
            Thread.sleep(1);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** {@link #await(String, Duration, BooleanSupplier, Supplier)} without a state description. */
    public static Duration await(String description, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        return await(description, timeout, condition, () -> "");
    }
}
