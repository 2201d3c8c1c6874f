package io.vtnio.compare.stats;

import java.util.Locale;

/**
 * The answer to "is one contestant ahead?" on one figure, in three words and no more: "ahead"
 * only when the whole confidence interval of the ratio lies beyond the practical threshold,
 * "even" when the whole interval lies within it, and "inconclusive" otherwise, with its cause and
 * what would settle it. Fewer than {@link #FEWEST_PAIRS_TO_DECIDE} pairs are always inconclusive,
 * and "ahead" also needs the pairs to agree on the direction ({@link #agree}). The threshold is
 * symmetric in ratio: at 10%, anything from {@code 1/1.10x} to {@code 1.10x} is "within". Every
 * line ends with the smallest difference the run could have detected ({@link #detectable()}).
 *
 * <p>An inconclusive line names one of four causes: too few pairs; an interval beyond the
 * threshold whose pairs disagree on the direction; pairs that spread so much that the interval is
 * wider than the threshold band itself (then not even a ratio of exactly 1 could be called even,
 * and a difference the size of the threshold cannot be seen: more pairs or a quieter machine
 * would help); or a narrow interval that straddles the threshold because the ratio sits close to it.
 *
 * <pre>{@code
 * Verdict v = Verdict.of(RatioInterval.paired(vt, nio, 0.95), 10, true, "vt", "nio", "replies/s");
 * v.line();   // "nio ahead, 1.25x higher replies/s [1.15-1.36x] (95%, 5 pairs); could detect 20% or more"
 * }</pre>
 *
 * @param kind      which of the three
 * @param leader    the contestant ahead, or null unless {@link Kind#AHEAD}
 * @param interval  the ratio other / reference and its interval
 * @param threshold the practical threshold in percent
 * @param line      one sentence for a table or a report
 * @param brief     a few words for the "at a glance" table: {@code nio ahead, 1.25x [1.15-1.36x]}
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
        String detectable = "; " + couldDetect(detectable(interval, bound));
        boolean enough = enough(interval);
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
            String line = String.format(Locale.ROOT, "%s ahead, %s %s %s %s (%s, %s)%s", leader,
                    RatioInterval.format(factor), how, figure, range, confidence, pairs, detectable);
            return new Verdict(Kind.AHEAD, leader, interval, thresholdPct, line,
                    leader + " ahead, " + RatioInterval.format(factor) + " " + range);
        }
        String ratioName = other + "/" + reference;
        String threshold = String.format(Locale.ROOT, "%s%%", trim(thresholdPct));
        if (enough && interval.low() >= 1 / bound && interval.high() <= bound) {
            String line = String.format(Locale.ROOT, "even on %s: %s %s, within the %s threshold (%s, %s)%s", figure,
                    ratioName, interval.describe(), threshold, confidence, pairs, detectable);
            return new Verdict(Kind.EVEN, null, interval, thresholdPct, line, "even, " + interval.describe());
        }
        String line = String.format(Locale.ROOT, "inconclusive on %s: %s %s (%s, %s)%s%s", figure, ratioName,
                interval.describe(), confidence, pairs, whyAndWhatWouldSettle(interval, bound, threshold), detectable);
        return new Verdict(Kind.INCONCLUSIVE, null, interval, thresholdPct, line,
                "inconclusive, " + interval.describe());
    }

    /**
     * The smallest difference this run could have called "ahead", as a ratio above 1 either way
     * (at a 10% threshold, {@code 1.18} means 18% more, or {@code 1/1.18} as much): the threshold
     * bound widened by the interval's half width ({@link RatioInterval#smallestDetectableRatio}).
     * A bigger true ratio would still need its pairs to agree on the direction ({@link #agree}).
     *
     * @return the ratio, or null when the run could call nothing: no interval, or fewer than
     *         {@link #FEWEST_PAIRS_TO_DECIDE} pairs
     */
    public Double detectable() {
        return detectable(interval, 1 + threshold / 100);
    }

    private static Double detectable(RatioInterval interval, double bound) {
        return enough(interval) ? interval.smallestDetectableRatio(bound) : null;
    }

    private static boolean enough(RatioInterval interval) {
        return interval.bounded() && interval.samples() >= FEWEST_PAIRS_TO_DECIDE;
    }

    /** {@code could detect 18% or more}, rounded up so that it never promises more than the run saw. */
    static String couldDetect(Double ratio) {
        if (ratio == null) {
            return "could detect nothing from fewer than " + FEWEST_PAIRS_TO_DECIDE + " pairs";
        }
        // The small epsilon keeps a ratio of exactly 1.10 from reading as 11% after floating point.
        if (ratio < 2) {
            return String.format(Locale.ROOT, "could detect %.0f%% or more", Math.ceil((ratio - 1) * 100 - 1e-9));
        }
        return ratio < 10
                ? String.format(Locale.ROOT, "could detect nothing below %.1fx", Math.ceil(ratio * 10 - 1e-9) / 10)
                : String.format(Locale.ROOT, "could detect nothing below %.0fx", Math.ceil(ratio - 1e-9));
    }

    /** The cause of an inconclusive verdict and what would settle it, from {@code " straddles ..."} on. */
    private static String whyAndWhatWouldSettle(RatioInterval interval, double bound, String threshold) {
        String fewPairs = "run at least " + FEWEST_PAIRS_TO_DECIDE + " rounds (--rounds " + FEWEST_PAIRS_TO_DECIDE
                + " or more)";
        if (!interval.bounded()) {
            return "; " + fewPairs;
        }
        if (!enough(interval)) {
            return ", too few pairs to decide (at least " + FEWEST_PAIRS_TO_DECIDE + "); " + fewPairs;
        }
        if (interval.low() > bound || interval.high() < 1 / bound) {
            return String.format(Locale.ROOT, " lies beyond the %s threshold, but only %d of its %d pairs point that "
                    + "way; %s", threshold, interval.low() > bound ? interval.above() : interval.below(),
                    interval.samples(), whatWouldSettle(interval, bound));
        }
        // Wider than the band: even a true ratio of exactly 1 could not be called "even", so the
        // distance of the ratio from the threshold is not what is missing.
        if (interval.logHalfWidth() > Math.log(bound)) {
            return String.format(Locale.ROOT, ", the pairs spread too much (%s per pair) for %d pairs to see a %s "
                    + "difference; %s", perPair(interval.logSpread()), interval.samples(), threshold,
                    whatWouldNarrow(interval, bound, threshold));
        }
        return " straddles the " + threshold + " threshold; " + whatWouldSettle(interval, bound);
    }

    /** {@code ±35%}, or {@code a factor of 2.4} from a factor of 2 on, from the standard deviation of log ratios. */
    static String perPair(double logSpread) {
        double factor = Math.exp(logSpread);
        double pct = (factor - 1) * 100;
        return factor >= 2 ? String.format(Locale.ROOT, "a factor of %.1f", factor)
                : String.format(Locale.ROOT, pct < 1 ? "±%.1f%%" : "±%.0f%%", pct);
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
     * For a narrow interval that straddles the threshold (or lies beyond it with pairs that disagree).
     */
    static String whatWouldSettle(RatioInterval interval, double bound) {
        if (interval.samples() < 2 || Double.isNaN(interval.logSpread())) {
            return "run more rounds (one pair gives no interval), or --rounds 6";
        }
        double distance = Math.abs(Math.abs(Math.log(interval.ratio())) - Math.log(bound));
        long pairs = pairsNeeded(interval, distance);
        if (pairs > MOST_PAIRS_WORTH_SUGGESTING) {
            return "the ratio sits too close to the threshold for more rounds to settle it on a machine this noisy: "
                    + "a quieter machine, or a different --threshold, would";
        }
        return String.format(Locale.ROOT, "about %d pairs would settle it (--rounds %d), or a quieter machine",
                pairs, pairs);
    }

    /**
     * About how many pairs would narrow an interval that is wider than the threshold band down to
     * the band, if the spread stays as it was. This leaves the ratio out on purpose: with pairs
     * this far apart, where it lies is the least certain thing the run measured.
     */
    static String whatWouldNarrow(RatioInterval interval, double bound, String threshold) {
        long pairs = pairsNeeded(interval, Math.log(bound));
        if (pairs > MOST_PAIRS_WORTH_SUGGESTING) {
            return String.format(Locale.ROOT, "narrowing the interval to ±%s would take about %,d pairs at this "
                    + "spread: a quieter machine would settle it", threshold, pairs);
        }
        return String.format(Locale.ROOT, "about %d pairs would narrow the interval to ±%s (--rounds %d), "
                + "or a quieter machine", pairs, threshold, pairs);
    }

    /**
     * Pairs for a half width of {@code logDistance}, with z = 2 in place of t (which is larger
     * with few pairs, so this is a floor), and at least one more than the run had.
     */
    private static long pairsNeeded(RatioInterval interval, double logDistance) {
        double z = 2.0;
        double needed = logDistance <= 0 ? Double.POSITIVE_INFINITY
                : Math.pow(z * interval.logSpread() / logDistance, 2);
        return (long) Math.ceil(Math.min(Math.max(needed, interval.samples() + 1), Long.MAX_VALUE / 2.0));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
