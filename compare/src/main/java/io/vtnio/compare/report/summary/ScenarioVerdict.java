package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The verdict of one scenario between the reference contestant (the first) and one other, on
 * the scenario's deciding figure, from the ratios of their paired rounds: what the table's
 * {@code =} line, the report's "at a glance" table and {@code summary.json} show.
 *
 * @param scenario   e.g. {@code echo-peak}
 * @param figure     the deciding figure's label, e.g. {@code replies/s}
 * @param better     {@code higher} or {@code lower}: which way is better
 * @param reference  the contestant in the ratio's denominator
 * @param other      the one in its numerator
 * @param ratio      other / reference: the geometric mean of the pair ratios
 * @param low        lower bound of the confidence interval (0 when there is none)
 * @param high       upper bound (null when there is none: one pair)
 * @param confidence e.g. 0.95
 * @param pairs      pairs of rounds in which both gave the figure
 * @param threshold  the practical threshold in percent
 * @param verdict    {@code ahead}, {@code even} or {@code inconclusive}
 * @param leader     the contestant ahead, or null
 * @param line       one sentence: {@code nio ahead, 1.25x higher replies/s [1.15-1.36x] (95%, 5 pairs); could
 *                   detect 20% or more}
 * @param brief      a few words: {@code nio ahead, 1.25x [1.15-1.36x]}
 * @param leftOut    the rounds left out of this verdict and why, e.g. {@code nio round 3: not steady ...};
 *                   a round left out drops its pair
 * @param efficiency the second witness: the same verdict on the server's CPU time per request, or null where
 *                   it was not measured (and inside a witness itself)
 * @param detectable the smallest ratio (above 1) this run could have called "ahead": the threshold widened by
 *                   the interval's half width; null with fewer than three pairs
 * @param decision   the scenario's answer from both witnesses: {@code nio ahead} when a witness says so and
 *                   none points the other way, {@code even}, {@code inconclusive}, or {@code witnesses disagree};
 *                   null inside a witness and in older files
 *
 * <p>Threading: immutable.
 */
public record ScenarioVerdict(String scenario, String figure, String better, String reference, String other,
                              double ratio, double low, Double high, double confidence, int pairs, double threshold,
                              String verdict, String leader, String line, String brief,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> leftOut,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ScenarioVerdict efficiency,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Double detectable,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String decision) {

    /** The word a scenario gets when its two witnesses name different leaders. */
    public static final String DISAGREE = "witnesses disagree";

    public ScenarioVerdict {
        leftOut = leftOut == null ? java.util.List.of() : java.util.List.copyOf(leftOut);
    }

    /** One witness alone, as older files hold a verdict. */
    public ScenarioVerdict(String scenario, String figure, String better, String reference, String other,
                           double ratio, double low, Double high, double confidence, int pairs, double threshold,
                           String verdict, String leader, String line, String brief) {
        this(scenario, figure, better, reference, other, ratio, low, high, confidence, pairs, threshold, verdict,
                leader, line, brief, null, null, null, null);
    }

    /** The scenario's answer: {@link #decision} where both witnesses were weighed, else this verdict's word. */
    public String answer() {
        return decision != null ? decision : "ahead".equals(verdict) ? leader + " ahead" : verdict;
    }

    /** Whether the scenario is decided: some witness says "ahead" or "even" and none contradicts it. */
    public boolean decided() {
        String answer = answer();
        return !answer.equals("inconclusive") && !answer.equals(DISAGREE);
    }
}
