package io.vtnio.loadgen.stats;

import java.util.Locale;

/**
 * The answer to "is one contestant ahead?" on one figure, in three words and no more: "ahead"
 * only when the whole confidence interval of the ratio lies beyond the practical threshold,
 * "even" when the whole interval lies within it, and "inconclusive" otherwise, with what would
 * settle it. Fewer than {@link #FEWEST_PAIRS_TO_DECIDE} pairs are always inconclusive, and
 * "ahead" also needs the pairs to agree on the direction ({@link #agree}). The threshold is symmetric in ratio: at 10%, anything from {@code 1/1.10x} to
 * {@code 1.10x} is "within".
 *
 * <pre>{@code
 * Verdict v = Verdict.of(RatioInterval.paired(vt, nio, 0.95), 10, true, "vt", "nio", "replies/s");
 * v.line();   // "nio ahead, 1.25x higher replies/s [1.15-1.36] (95%, 5 pairs)"
 * }</pre>
 *
 * @param kind      which of the three
 * @param leader    the contestant ahead, or null unless {@link Kind#AHEAD}
 * @param interval  the ratio other / reference and its interval
 * @param threshold the practical threshold in percent
 * @param line      one sentence for a table or a report
 * @param brief     a few words for the "at a glance" table: {@code nio ahead, 1.25x [1.15-1.36]}
 *
 * <p>Threading: immutable.
 */
public record Verdict(Kind kind, String leader, RatioInterval interval, double threshold, String line,
                      String brief) {

    /** The three words. */
    public enum Kind {
        AHEAD("ahead"), EVEN("even"), INCONCLUSIVE("inconclusive");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Beyond this many pairs, more rounds are not a practical way to settle a question. */
    static final int MOST_PAIRS_WORTH_SUGGESTING = 40;

    /**
     * Fewer pairs decide nothing. The t interval is right on average even from two pairs, but
     * two ratios that happen to agree make a narrow interval out of luck, and rounds that stop as
     * soon as a verdict is reached give luck a chance: in this project's A/A runs, two pairs of
     * one server's latency p99 agreed on 1.16x and "ahead" came out. From three pairs on, the
     * spread is estimated from at least two degrees of freedom.
     */
    public static final int FEWEST_PAIRS_TO_DECIDE = 3;

    /** From this many pairs on, one pair may point the other way without blocking "ahead". */
    static final int PAIRS_THAT_ALLOW_ONE_DISSENT = 8;

    /**
     * @param interval        the ratio {@code other / reference}
     * @param thresholdPct    the practical threshold in percent, more than 0
     * @param higherIsBetter  whether more of the figure is better (replies/s) or less (latency, memory)
     * @param reference       the name of the contestant in the denominator
     * @param other           the name in the numerator
     * @param figure          what was measured, e.g. {@code replies/s}
     */
    public static Verdict of(RatioInterval interval, double thresholdPct, boolean higherIsBetter, String reference,
                             String other, String figure) {
        double bound = 1 + thresholdPct / 100;
        String pairs = interval.samples() + (interval.samples() == 1 ? " pair" : " pairs");
        String confidence = String.format(Locale.ROOT, "%.0f%%", interval.confidence() * 100);
        boolean enough = interval.bounded() && interval.samples() >= FEWEST_PAIRS_TO_DECIDE;
        boolean otherHigher = enough && interval.low() > bound && agree(interval.above(), interval.samples());
        boolean otherLower = enough && interval.high() < 1 / bound && agree(interval.below(), interval.samples());
        if (otherHigher || otherLower) {
            boolean otherLeads = otherHigher == higherIsBetter;
            String leader = otherLeads ? other : reference;
            // The leader's advantage as a factor above 1, with its interval.
            double factor = otherHigher ? interval.ratio() : 1 / interval.ratio();
            double low = otherHigher ? interval.low() : 1 / interval.high();
            double high = otherHigher ? interval.high() : 1 / interval.low();
            String how = higherIsBetter ? "higher" : "lower";
            String range = "[" + RatioInterval.format(low).replace("x", "") + "-" + RatioInterval.format(high) + "]";
            String line = String.format(Locale.ROOT, "%s ahead, %s %s %s %s (%s, %s)", leader,
                    RatioInterval.format(factor), how, figure, range, confidence, pairs);
            return new Verdict(Kind.AHEAD, leader, interval, thresholdPct, line,
                    leader + " ahead, " + RatioInterval.format(factor) + " " + range);
        }
        String ratioName = other + "/" + reference;
        String threshold = String.format(Locale.ROOT, "%s%%", trim(thresholdPct));
        if (enough && interval.low() >= 1 / bound && interval.high() <= bound) {
            String line = String.format(Locale.ROOT, "even on %s: %s %s, within the %s threshold (%s, %s)", figure,
                    ratioName, interval.describe(), threshold, confidence, pairs);
            return new Verdict(Kind.EVEN, null, interval, thresholdPct, line, "even, " + interval.describe());
        }
        boolean beyond = interval.bounded() && (interval.low() > bound || interval.high() < 1 / bound);
        String why = !interval.bounded() ? ""
                : !enough ? ", too few pairs to decide (at least " + FEWEST_PAIRS_TO_DECIDE + ")"
                : beyond ? String.format(Locale.ROOT, " lies beyond the %s threshold, but only %d of its %d pairs "
                        + "point that way", threshold, interval.low() > bound ? interval.above() : interval.below(),
                        interval.samples())
                : " straddles the " + threshold + " threshold";
        String line = String.format(Locale.ROOT, "inconclusive on %s: %s %s (%s, %s)%s; %s", figure, ratioName,
                interval.describe(), confidence, pairs, why,
                enough ? whatWouldSettle(interval, bound) : "run at least " + FEWEST_PAIRS_TO_DECIDE
                        + " rounds (--rounds " + FEWEST_PAIRS_TO_DECIDE + " or more)");
        return new Verdict(Kind.INCONCLUSIVE, null, interval, thresholdPct, line,
                "inconclusive, " + interval.describe());
    }

    /**
     * The second witness of "ahead", free of any assumption about the distribution: the pairs
     * agree on the direction (a sign test). Tail figures such as p99 are heavy-tailed, and with
     * five pairs a t interval can exclude 1 when only three of them point that way: in this
     * project's A/A runs of one server, the open loop's p99 came out 1.20x [1.03-1.39x] from
     * pairs of 1.38, 1.24, 1.14, 1.00 and 1.25: only a threshold above 3% kept it from "ahead".
     *
     * @param pointing pairs whose ratio points the way of the verdict (a ratio of exactly 1 does not)
     */
    static boolean agree(int pointing, int pairs) {
        int dissenting = pairs - pointing;
        return dissenting == 0 || (pairs >= PAIRS_THAT_ALLOW_ONE_DISSENT && dissenting == 1);
    }

    /**
     * About how many pairs would narrow the interval enough to decide, if the spread stays as it
     * was: the half width must shrink below the distance between the ratio and the threshold.
     */
    static String whatWouldSettle(RatioInterval interval, double bound) {
        if (interval.samples() < 2 || Double.isNaN(interval.logSpread())) {
            return "run more rounds (one pair gives no interval), or --rounds 6";
        }
        double distance = Math.abs(Math.abs(Math.log(interval.ratio())) - Math.log(bound));
        double z = 2.0;
        double needed = distance <= 0 ? Double.POSITIVE_INFINITY
                : Math.pow(z * interval.logSpread() / distance, 2);
        int pairs = (int) Math.ceil(Math.max(needed, interval.samples() + 1));
        if (pairs > MOST_PAIRS_WORTH_SUGGESTING) {
            return "the ratio sits too close to the threshold for more rounds to settle it on a machine this noisy: "
                    + "a quieter machine, or a different --threshold, would";
        }
        return String.format(Locale.ROOT, "about %d pairs would settle it (--rounds %d), or a quieter machine",
                pairs, pairs);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
