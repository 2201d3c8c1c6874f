package io.vtnio.compare.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What holding {@link Bounds} against results found, and the last line that sums it up. Whether
 * an inconclusive comparison fails is the caller's choice ({@code --strict}), so it is asked for
 * here rather than decided when the bounds are held.
 *
 * @param checked  how many bounds were held: one per absolute bound and result, two per result
 *                 compared with its baseline (throughput and p99)
 * @param notes    how results were compared where the reader should know, without the {@code note: }
 * @param findings every failed or inconclusive bound, in result order
 *
 * <p>Threading: immutable.
 */
record Outcome(int checked, List<String> notes, List<Finding> findings) {

    Outcome {
        notes = List.copyOf(notes);
        findings = List.copyOf(findings);
    }

    long count(Finding.Kind kind) {
        return findings.stream().filter(finding -> finding.kind() == kind).count();
    }

    /** Whether {@code check} exits 3: a bound failed, or, under {@code strict}, one was inconclusive. */
    boolean failed(boolean strict) {
        return count(Finding.Kind.FAIL) > 0 || strict && count(Finding.Kind.INCONCLUSIVE) > 0;
    }

    /** The last line of the output, e.g. {@code check: all 12 bounds held (6 results in summary.json)}. */
    String summary(boolean strict, int results, Path file) {
        long failures = count(Finding.Kind.FAIL);
        long inconclusive = count(Finding.Kind.INCONCLUSIVE);
        String where = String.format(Locale.ROOT, "%d result%s in %s", results, results == 1 ? "" : "s", file);
        if (!failed(strict)) {
            return inconclusive == 0
                    ? String.format(Locale.ROOT, "check: %s held (%s)", checked == 1 ? "the one bound" : "all "
                            + checked + " bounds", where)
                    : String.format(Locale.ROOT, "check: %d of %d bounds held and %d %s inconclusive, which pass "
                            + "without --strict (%s)", checked - inconclusive, checked, inconclusive,
                            inconclusive == 1 ? "was" : "were", where);
        }
        if (inconclusive == 0) {
            return String.format(Locale.ROOT, "check: %d of %d bounds failed (%s)", failures, checked, file);
        }
        if (strict) {
            return String.format(Locale.ROOT, "check: %d of %d bounds failed, %d of them inconclusive under --strict "
                    + "(%s)", failures + inconclusive, checked, inconclusive, file);
        }
        return String.format(Locale.ROOT, "check: %d of %d bounds failed and %d %s inconclusive (%s)", failures,
                checked, inconclusive, inconclusive == 1 ? "was" : "were", file);
    }
}
