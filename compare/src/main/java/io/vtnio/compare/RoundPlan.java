package io.vtnio.compare;

import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.stats.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * How many rounds each scenario runs: a fixed count ({@code --rounds N}), or as many as the
 * question needs ({@code --rounds auto}): at least {@code minRounds}, then one more while a
 * scenario is undecided and the scenario's share of the time budget ({@code --max-time})
 * holds one more round, up to {@code maxRounds}. A round left out of the verdicts (not steady,
 * foreign load; see {@code RoundValidity}) does not count toward the minimum: it is run again
 * while the scenario's share allows, and up to {@link #MOST_RERUNS_BEYOND_SHARE} beyond it while
 * the whole budget does (a fixed plan of three rounds or more reruns up to as many again).
 *
 * <p>Threading: one thread; the budget's clock starts when the plan is made.
 */
final class RoundPlan {

    /** Auto rounds never go beyond this: by then a verdict that is still open needs a quieter machine. */
    static final int MOST_AUTO_ROUNDS = 10;

    /**
     * Rounds left out that a scenario may run again beyond its share of the budget, while the whole
     * budget holds them. Without its minimum of counted pairs a scenario decides nothing, and a
     * default run's shares fit the minimum and little more: one round in 18 left out (a burst of
     * other load on a quiet machine) used to leave its scenario undecided. More than two left out
     * means a busy machine, where the share stands so that one scenario cannot take every other's.
     */
    static final int MOST_RERUNS_BEYOND_SHARE = 2;

    private final boolean auto;
    private final int minRounds;
    private final int maxRounds;
    private final long deadlineNs;

    private RoundPlan(boolean auto, int minRounds, int maxRounds, long deadlineNs) {
        this.auto = auto;
        this.minRounds = minRounds;
        this.maxRounds = maxRounds;
        this.deadlineNs = deadlineNs;
    }

    static RoundPlan fixed(int rounds) {
        return new RoundPlan(false, rounds, rounds, Long.MAX_VALUE);
    }

    /** At least {@code minRounds}; more while undecided, within {@code budget} from now. */
    static RoundPlan auto(int minRounds, Duration budget) {
        return new RoundPlan(true, minRounds, Math.max(minRounds, MOST_AUTO_ROUNDS),
                System.nanoTime() + budget.toNanos());
    }

    boolean isAuto() {
        return auto;
    }

    int minRounds() {
        return minRounds;
    }

    /** Nanoseconds of the budget left, at least 0; {@link Long#MAX_VALUE} / 2 when unbounded. */
    long timeLeftNs() {
        return deadlineNs == Long.MAX_VALUE ? Long.MAX_VALUE / 2 : Math.max(0, deadlineNs - System.nanoTime());
    }

    /**
     * Whether to run round {@code done + 1}.
     *
     * @param done              rounds run so far
     * @param counted           of those, rounds in which every contestant gave a result that counts
     * @param verdicts          the verdicts after them
     * @param projectedNs       the scenario's time so far plus one more round at the mean pace
     * @param scenarioShareNs   the scenario's share of the budget
     */
    boolean another(int done, int counted, List<ScenarioVerdict> verdicts, long projectedNs, long scenarioShareNs) {
        if (done < minRounds) {
            return true;
        }
        boolean budgetHoldsOne = timeLeftNs() > projectedNs / Math.max(1, done + 1);
        boolean affordable = projectedNs <= scenarioShareNs && budgetHoldsOne;
        if (counted < minRounds) {
            if (!auto) {
                return minRounds >= Verdict.FEWEST_PAIRS_TO_DECIDE && done < 2 * minRounds;
            }
            boolean rerunBeyondShare = done - counted <= MOST_RERUNS_BEYOND_SHARE && budgetHoldsOne;
            return done < maxRounds && (affordable || rerunBeyondShare);
        }
        if (!auto || done >= maxRounds) {
            return false;
        }
        boolean open = verdicts.stream().anyMatch(v -> !v.decided());
        return open && affordable;
    }

    /**
     * Whether the second pass may run round {@code done + 1} of a scenario whose rounds took
     * {@code perRoundNs} each: only under {@code --rounds auto}, under the most rounds, and when
     * the budget left holds one more.
     */
    boolean affords(int done, long perRoundNs) {
        return auto && done < maxRounds && timeLeftNs() >= perRoundNs;
    }

    /** For progress lines: {@code 3}, or {@code 3+} while auto rounds may add more. */
    String describe(int round) {
        if (!auto) {
            return Integer.toString(minRounds);
        }
        return Math.max(round, minRounds) + "+";
    }
}
