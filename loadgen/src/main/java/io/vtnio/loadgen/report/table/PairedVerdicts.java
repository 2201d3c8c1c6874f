package io.vtnio.loadgen.report.table;

import io.vtnio.loadgen.report.summary.ResultEntry;
import io.vtnio.loadgen.report.summary.RoundResult;
import io.vtnio.loadgen.report.summary.ScenarioInfo;
import io.vtnio.loadgen.report.summary.ScenarioVerdict;
import io.vtnio.loadgen.stats.RatioInterval;
import io.vtnio.loadgen.stats.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rounds of two contestants in one scenario into their {@link ScenarioVerdict}. Rounds
 * with the same number ran back to back (in alternating order), so each such pair gives one
 * ratio of the deciding figure; a round that failed, or lacks the figure, drops its pair.
 *
 * <p>Threading: stateless.
 */
public final class PairedVerdicts {

    /** The confidence of every interval compare shows. */
    public static final double CONFIDENCE = 0.95;

    private PairedVerdicts() {
    }

    /**
     * @return the verdict, or null when not one pair has the figure on both sides
     */
    public static ScenarioVerdict of(ScenarioInfo scenario, ResultEntry reference, ResultEntry other,
                                     double thresholdPct) {
        DecidingFigure figure = DecidingFigure.of(scenario);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (RoundResult mine : reference.rounds()) {
            RoundResult theirs = other.rounds().stream().filter(r -> r.round() == mine.round()).findFirst()
                    .orElse(null);
            Double x = value(figure, mine);
            Double y = theirs == null ? null : value(figure, theirs);
            if (x != null && y != null) {
                a.add(x);
                b.add(y);
            }
        }
        if (a.isEmpty()) {
            return null;
        }
        RatioInterval interval = RatioInterval.paired(a.stream().mapToDouble(Double::doubleValue).toArray(),
                b.stream().mapToDouble(Double::doubleValue).toArray(), CONFIDENCE);
        Verdict verdict = Verdict.of(interval, thresholdPct, figure.higherIsBetter(), reference.figures().server(),
                other.figures().server(), figure.label());
        return new ScenarioVerdict(scenario.name(), figure.label(), figure.higherIsBetter() ? "higher" : "lower",
                reference.figures().server(), other.figures().server(), interval.ratio(), interval.low(),
                interval.bounded() ? interval.high() : null, CONFIDENCE, interval.samples(), thresholdPct,
                verdict.kind().word(), verdict.leader(), verdict.line(), verdict.brief());
    }

    private static Double value(DecidingFigure figure, RoundResult round) {
        if (!round.succeeded()) {
            return null;
        }
        Double value = figure.perRound().apply(round);
        return value != null && value > 0 && Double.isFinite(value) ? value : null;
    }
}
