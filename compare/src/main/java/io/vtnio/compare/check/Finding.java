package io.vtnio.compare.check;

/**
 * One line of a check's verdict: a bound that failed, or a comparison with the baseline that the
 * noise of the rounds could not settle either way.
 *
 * @param kind which of the two
 * @param text the result, the figure and the bound, e.g. {@code echo-peak/nio: 3 errors, above --max-errors 0}
 *
 * <p>Threading: immutable.
 */
record Finding(Kind kind, String text) {

    /** The word a line starts with, for people and for {@code grep}. */
    enum Kind {
        /** The bound is broken: with confidence where the rounds give an interval. */
        FAIL,
        /** The interval straddles the tolerance: passes unless {@code --strict}. */
        INCONCLUSIVE
    }

    static Finding fail(String text) {
        return new Finding(Kind.FAIL, text);
    }

    static Finding inconclusive(String text) {
        return new Finding(Kind.INCONCLUSIVE, text);
    }

    /** {@code FAIL echo-peak/nio: ...}. */
    String line() {
        return kind + " " + text;
    }
}
