package io.vtnio.loadgen.report.summary;

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
 *
 * <p>Threading: immutable.
 */
public record ScenarioVerdict(String scenario, String figure, String better, String reference, String other,
                              double ratio, double low, Double high, double confidence, int pairs, double threshold,
                              String verdict, String leader, String line, String brief) {
}
