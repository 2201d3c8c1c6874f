package io.vtnio.compare.scenario;

import io.vtnio.core.HumanDuration;
import java.time.Duration;
import java.util.List;

/**
 * How long a run warms up before it measures: until the generator detects a steady state
 * ({@code auto}, bounded by {@code max}), or a fixed time given with {@code --warmup}.
 *
 * @param fixed the fixed warm-up, or null for auto
 * @param max   the upper bound of an auto warm-up
 *
 * <p>Threading: immutable.
 */
public record WarmupPlan(Duration fixed, Duration max) {

    /** Steady state detected, at most {@code max}. */
    public static WarmupPlan auto(Duration max) {
        return new WarmupPlan(null, max);
    }

    public static WarmupPlan fixed(Duration duration) {
        return new WarmupPlan(duration, duration);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** The longest it can take. */
    public Duration longest() {
        return isAuto() ? max : fixed;
    }

    /**
     * The generator's flags: {@code --warmup auto --warmup-max 20s --server-stats FILE}, or
     * {@code --warmup 1s}.
     *
     * @param serverStats where the server's stats lines go, so the generator also waits for its JIT
     *                    to go quiet; null when there are none
     */
    public List<String> loadArgs(java.nio.file.Path serverStats) {
        if (!isAuto()) {
            return List.of("--warmup", HumanDuration.format(fixed));
        }
        if (serverStats == null) {
            return List.of("--warmup", "auto", "--warmup-max", HumanDuration.format(max));
        }
        return List.of("--warmup", "auto", "--warmup-max", HumanDuration.format(max),
                "--server-stats", serverStats.toString());
    }

    /** {@code auto (at most 20s)} or {@code 1s}. */
    public String describe() {
        return isAuto() ? "auto (at most " + HumanDuration.format(max) + ")" : HumanDuration.format(fixed);
    }
}
