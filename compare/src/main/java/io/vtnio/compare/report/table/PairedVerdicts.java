package io.vtnio.compare.report.table;

import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.stats.RatioInterval;
import io.vtnio.compare.stats.Verdict;
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
     * The verdict on the scenario's deciding figure, with the second witness (CPU per request)
     * inside it and the scenario's decision from both.
     *
     * @return the verdict, or null when no round of either has the deciding figure
     */
    public static ScenarioVerdict of(ScenarioInfo scenario, ResultEntry reference, ResultEntry other,
                                     double thresholdPct) {
        ScenarioVerdict deciding = witness(scenario, DecidingFigure.of(scenario), reference, other, thresholdPct,
                round -> true, List.of());
        if (deciding == null) {
            return null;
        }
        ScenarioVerdict efficiency = efficiency(scenario, reference, other, thresholdPct);
        return new ScenarioVerdict(deciding.scenario(), deciding.figure(), deciding.better(), deciding.reference(),
                deciding.other(), deciding.ratio(), deciding.low(), deciding.high(), deciding.confidence(),
                deciding.pairs(), deciding.threshold(), deciding.verdict(), deciding.leader(), deciding.line(),
                deciding.brief(), deciding.leftOut(), efficiency, deciding.detectable(), decision(deciding, efficiency));
    }

    /**
     * The scenario's answer from its witnesses: a leader when some witness names it and no witness
     * names the other, {@code even} when some witness says even and none names a leader,
     * {@link ScenarioVerdict#DISAGREE} when two name different leaders, else {@code inconclusive}.
     */
    static String decision(ScenarioVerdict deciding, ScenarioVerdict efficiency) {
        List<ScenarioVerdict> witnesses = efficiency == null ? List.of(deciding) : List.of(deciding, efficiency);
        List<String> leaders = witnesses.stream().filter(w -> "ahead".equals(w.verdict()))
                .map(ScenarioVerdict::leader).distinct().toList();
        if (leaders.size() > 1) {
            return ScenarioVerdict.DISAGREE;
        }
        if (leaders.size() == 1) {
            return leaders.getFirst() + " ahead";
        }
        return witnesses.stream().anyMatch(w -> "even".equals(w.verdict())) ? "even" : "inconclusive";
    }

    /**
     * The verdict on one figure from the rounds that count for it, over the pairs (by round number)
     * that {@code pairs} accepts; null when no round has it.
     *
     * @param moreLeftOut lines to add to the rounds left out, for the pairs {@code pairs} refuses
     */
    private static ScenarioVerdict witness(ScenarioInfo scenario, DecidingFigure figure, ResultEntry reference,
                                           ResultEntry other, double thresholdPct,
                                           java.util.function.IntPredicate pairs, List<String> moreLeftOut) {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (RoundResult mine : reference.rounds()) {
            RoundResult theirs = partner(other, mine);
            leftOut(reference, mine, figure, leftOut);
            leftOut(other, theirs, figure, leftOut);
            Double x = pairs.test(mine.round()) ? value(figure, mine) : null;
            Double y = theirs == null ? null : value(figure, theirs);
            if (x != null && y != null) {
                a.add(x);
                b.add(y);
            }
        }
        leftOut.addAll(moreLeftOut);
        if (a.isEmpty()) {
            return leftOut.isEmpty() ? null : noPairCounts(scenario, figure, reference, other, thresholdPct, leftOut);
        }
        RatioInterval interval = RatioInterval.paired(a.stream().mapToDouble(Double::doubleValue).toArray(),
                b.stream().mapToDouble(Double::doubleValue).toArray(), CONFIDENCE);
        Verdict verdict = Verdict.of(interval, thresholdPct, figure.higherIsBetter(), reference.figures().server(),
                other.figures().server(), figure.label());
        return new ScenarioVerdict(scenario.name(), figure.label(), figure.higherIsBetter() ? "higher" : "lower",
                reference.figures().server(), other.figures().server(), interval.ratio(), interval.low(),
                interval.bounded() ? interval.high() : null, CONFIDENCE, interval.samples(), thresholdPct,
                verdict.kind().word(), verdict.leader(), verdict.line(), verdict.brief(), leftOut, null,
                verdict.detectable() == null ? null : Math.round(verdict.detectable() * 1000) / 1000.0, null);
    }

    /** The round of {@code other} run beside {@code mine} (the same number), or null. */
    private static RoundResult partner(ResultEntry other, RoundResult mine) {
        return other.rounds().stream().filter(r -> r.round() == mine.round()).findFirst().orElse(null);
    }

    /**
     * Loads within this factor of each other are comparable for CPU per request. A server's CPU
     * per request falls as its load rises (a wake-up finds more work to batch): on this machine
     * the selector server's echo took 12.1 us a reply at 61k replies/s and 8.8 us at 105k, 1.37x
     * over a 1.7x range of load, and the slow backend's capped pool took less CPU per reply while
     * doing an eighth of the other server's work. Within 1.5x the bias is a fraction of the
     * difference and favours the server that carried more, so it cannot reverse a throughput
     * verdict; beyond it, the two figures describe two operating points, not two servers.
     */
    static final double COMPARABLE_LOAD_FACTOR = 1.5;

    /**
     * The CPU witness, over the pairs whose servers carried comparable loads: throughputs within
     * {@link #COMPARABLE_LOAD_FACTOR} of each other, or both servers saturated. When no pair that
     * has the figure is comparable, the witness says so and is not weighed; null when no round has
     * the figure.
     */
    private static ScenarioVerdict efficiency(ScenarioInfo scenario, ResultEntry reference, ResultEntry other,
                                              double thresholdPct) {
        DecidingFigure cpu = DecidingFigure.cpuPerRequest(scenario);
        java.util.Map<Integer, Double> incomparable = new java.util.TreeMap<>();
        int pairsWithFigure = 0;
        for (RoundResult mine : reference.rounds()) {
            RoundResult theirs = partner(other, mine);
            if (theirs == null || value(cpu, mine) == null || value(cpu, theirs) == null) {
                continue;
            }
            pairsWithFigure++;
            double load = DecidingFigure.witnessLoad(theirs) / DecidingFigure.witnessLoad(mine);
            boolean bothSaturated = mine.check() != null && theirs.check() != null
                    && Boolean.TRUE.equals(mine.check().saturated()) && Boolean.TRUE.equals(theirs.check().saturated());
            if (!bothSaturated && (load > COMPARABLE_LOAD_FACTOR || load < 1 / COMPARABLE_LOAD_FACTOR)) {
                incomparable.put(mine.round(), load);
            }
        }
        if (incomparable.isEmpty()) {
            return witness(scenario, cpu, reference, other, thresholdPct, round -> true, List.of());
        }
        List<Double> loadRatios = incomparable.values().stream().sorted().toList();
        String loads = String.format(java.util.Locale.ROOT, "%s/%s %s %s/s", other.figures().server(),
                reference.figures().server(), Units.ratio(loadRatios.get(loadRatios.size() / 2)),
                ComparisonRows.plural(scenario.unit()));
        if (incomparable.size() == pairsWithFigure) {
            ScenarioVerdict all = witness(scenario, cpu, reference, other, thresholdPct, round -> true, List.of());
            String line = "not weighed: " + cpu.label() + " compares servers only at comparable loads, and in every "
                    + "pair one carried more than " + COMPARABLE_LOAD_FACTOR + "x the other's without both being "
                    + "saturated (" + loads + ")";
            return new ScenarioVerdict(scenario.name(), cpu.label(), "lower", reference.figures().server(),
                    other.figures().server(), all.ratio(), 0, null, CONFIDENCE, 0, thresholdPct,
                    Verdict.Kind.INCONCLUSIVE.word(), null, line, "not weighed: loads differ", all.leftOut(),
                    null, null, null);
        }
        List<String> notComparable = incomparable.keySet().stream().map(round -> "round " + round
                + " pair: loads not comparable for " + cpu.label() + " (" + loads + ")").toList();
        return witness(scenario, cpu, reference, other, thresholdPct, round -> !incomparable.containsKey(round),
                notComparable);
    }

    /** The verdict on a figure whose every pair lost a round to the checks: inconclusive, ratio 0, no interval. */
    private static ScenarioVerdict noPairCounts(ScenarioInfo scenario, DecidingFigure figure, ResultEntry reference,
                                                ResultEntry other, double thresholdPct, List<String> leftOut) {
        String line = "inconclusive on " + figure.label() + ": no pair of rounds counts (" + leftOut.size()
                + (leftOut.size() == 1 ? " round" : " rounds") + " left out: " + leftOut.getFirst()
                + (leftOut.size() > 1 ? "; ..." : "") + ")";
        return new ScenarioVerdict(scenario.name(), figure.label(), figure.higherIsBetter() ? "higher" : "lower",
                reference.figures().server(), other.figures().server(), 0, 0, null, CONFIDENCE, 0, thresholdPct,
                Verdict.Kind.INCONCLUSIVE.word(), null, line, "inconclusive, no pair counts", leftOut, null, null,
                null);
    }

    /** Adds {@code round} to the rounds left out of {@code figure}'s verdict, with why, unless it counts. */
    private static void leftOut(ResultEntry entry, RoundResult round, DecidingFigure figure, List<String> leftOut) {
        if (round == null || !round.succeeded()) {
            return;
        }
        String why = round.leftOut(figure.throughput());
        if (why != null) {
            leftOut.add(entry.figures().server() + " round " + round.round() + ": " + why);
        }
    }

    private static Double value(DecidingFigure figure, RoundResult round) {
        if (!round.counts(figure.throughput())) {
            return null;
        }
        Double value = figure.perRound().apply(round);
        return value != null && value > 0 && Double.isFinite(value) ? value : null;
    }
}
