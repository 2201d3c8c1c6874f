package io.vtnio.loadgen.engine;

import java.util.Arrays;

/**
 * Where an open-model run changes its rate: from {@code atNs} on, every schedule sends at
 * {@code factor} times the run's first rate. A sweep ({@code load --rates}) adds one change per
 * step; a run at one rate has none. Schedules read the changes as they compute their next send,
 * so a change must be added at least one send interval (of the slowest sender) before its time:
 * a sender that already waits for a send past {@code atNs} would otherwise miss it.
 *
 * <pre>{@code
 * RateChanges changes = phases.rateChanges();
 * changes.add(System.nanoTime() + leadNs, 2.0);   // from then on, twice the first rate
 * }</pre>
 *
 * <p>Threading: one writer (the reporter) adds; any loop thread reads. The list is replaced as a
 * whole on every add (a volatile array), so a reader sees either all of a change or none of it.
 */
public final class RateChanges {

    /** From {@code atNs} ({@link System#nanoTime} clock) on, {@code factor} times the first rate. */
    public record Change(long atNs, double factor) {
        public Change {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("a rate factor must be positive: " + factor);
            }
        }
    }

    private volatile Change[] changes = new Change[0];

    /**
     * Adds a change; reporter thread only.
     *
     * @throws IllegalArgumentException unless {@code atNs} is later than the last change's
     */
    public void add(long atNs, double factor) {
        Change[] current = changes;
        if (current.length > 0 && atNs <= current[current.length - 1].atNs()) {
            throw new IllegalArgumentException("rate changes must come in time order");
        }
        Change[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = new Change(atNs, factor);
        changes = next;
    }

    /** The change number {@code index} (0 is the first added), or null when there is none yet. */
    public Change get(int index) {
        Change[] current = changes;
        return index < current.length ? current[index] : null;
    }
}
