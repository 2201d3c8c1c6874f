package io.vtnio.loadgen.run;

import io.vtnio.core.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An open-model run whose rate changes on a timetable ({@code load --phases RATE:DURATION,...}):
 * after the warm-up (at the first phase's rate), the phases follow one another on the same
 * connections with no pause and no warm-up between them, measured throughout, one interval a
 * second. An overload test is three: a rate the server holds, one it cannot, the first again;
 * what matters is how latency and the backlog grow in the second and how fast they fall back
 * in the third. Durations are whole seconds, so every one-second interval lies in one phase.
 *
 * <pre>{@code
 * RatePhases phases = RatePhases.parse("20000:5s,60000:10s,20000:10s");
 * phases.totalDuration();        // 25 s: the measured window
 * phases.phaseAt(7);             // 1: the seventh second is the second phase's
 * }</pre>
 *
 * @param phases    one to {@value #MAX_PHASES} phases, in the order they run
 * @param objective {@code --slo}: each second is judged by it, and the recovery after the
 *                  highest rate is measured against it; or null
 *
 * <p>Threading: immutable.
 */
public record RatePhases(List<Phase> phases, LatencyObjective objective) {

    /** Most phases one run may have. */
    public static final int MAX_PHASES = 20;

    /** One phase: {@code ratePerSec} messages a second over all connections for {@code duration}. */
    public record Phase(double ratePerSec, Duration duration) {
        public Phase {
            if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
                throw new IllegalArgumentException("a phase's rate must be more than 0, got " + ratePerSec);
            }
            if (duration.isNegative() || duration.isZero() || duration.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("a phase lasts whole seconds, at least 1s, got "
                        + HumanDuration.format(duration));
            }
        }

        long seconds() {
            return duration.toSeconds();
        }
    }

    public RatePhases {
        phases = List.copyOf(phases);
        if (phases.isEmpty() || phases.size() > MAX_PHASES) {
            throw new IllegalArgumentException("--phases takes 1.." + MAX_PHASES + " phases, got " + phases.size());
        }
    }

    /** {@code 20000:5s,60000:10s,20000:10s}. */
    public static RatePhases parse(String text) {
        List<Phase> phases = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] rateAndTime = part.trim().split(":");
            if (rateAndTime.length != 2) {
                throw new IllegalArgumentException("expected RATE:DURATION, got '" + part.trim() + "'");
            }
            double rate;
            try {
                rate = Double.parseDouble(rateAndTime[0].trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + rateAndTime[0].trim() + "' is not a rate (messages a second)");
            }
            phases.add(new Phase(rate, HumanDuration.parse(rateAndTime[1].trim())));
        }
        return new RatePhases(phases, null);
    }

    /** This timetable judged by {@code slo} (null for none). */
    public RatePhases withObjective(LatencyObjective slo) {
        return new RatePhases(phases, slo);
    }

    /** The phase (from 0) with the highest rate, the first of them on a tie: the overload. */
    public int peakPhase() {
        int peak = 0;
        for (int i = 1; i < phases.size(); i++) {
            if (phases.get(i).ratePerSec() > phases.get(peak).ratePerSec()) {
                peak = i;
            }
        }
        return peak;
    }

    public double firstRatePerSec() {
        return phases.getFirst().ratePerSec();
    }

    /** The measured window: every phase's duration. */
    public Duration totalDuration() {
        return Duration.ofSeconds(phases.stream().mapToLong(Phase::seconds).sum());
    }

    /** Seconds from the start of measuring to the start of phase {@code index}. */
    public long startSecond(int index) {
        long seconds = 0;
        for (int i = 0; i < index; i++) {
            seconds += phases.get(i).seconds();
        }
        return seconds;
    }

    /** The phase (from 0) that second {@code second} (from 0, counted from the start of measuring) lies in. */
    public int phaseAt(long second) {
        long end = 0;
        for (int i = 0; i < phases.size(); i++) {
            end += phases.get(i).seconds();
            if (second < end) {
                return i;
            }
        }
        return phases.size() - 1;
    }
}
