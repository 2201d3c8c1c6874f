package io.vtnio.compare.probe;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The thread behind a sampler: takes one sample at once, then one every {@code period} while
 * what it samples is alive, and one last at {@link #stop}, so a window that ends at the stop still
 * has a sample after its edge to interpolate against.
 *
 * <pre>{@code
 * SamplingLoop loop = SamplingLoop.start("vtnio-compare-sampler", Duration.ofMillis(100), this::sampleNow,
 *         process::isAlive);
 * loop.stop();
 * }</pre>
 *
 * <p>Threading: one daemon thread runs {@code sample}; {@link #stop} may be called from any thread,
 * more than once.
 */
final class SamplingLoop {

    private final Runnable sample;
    private final BooleanSupplier alive;
    private final Thread thread;
    private volatile boolean running = true;

    private SamplingLoop(String name, Duration period, Runnable sample, BooleanSupplier alive) {
        this.sample = sample;
        this.alive = alive;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> loop(period));
    }

    /**
     * @param alive whether there is still something to sample; checked before every sample
     */
    static SamplingLoop start(String name, Duration period, Runnable sample, BooleanSupplier alive) {
        SamplingLoop loop = new SamplingLoop(name, period, sample, alive);
        sample.run();
        loop.thread.start();
        return loop;
    }

    private void loop(Duration period) {
        while (running) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (alive.getAsBoolean()) {
                sample.run();
            }
        }
    }

    /** Stops sampling after one last sample. */
    void stop() {
        if (running) {
            running = false;
            thread.interrupt();
            if (alive.getAsBoolean()) {
                sample.run();
            }
        }
    }
}
