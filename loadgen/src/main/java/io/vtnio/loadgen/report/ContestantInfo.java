package io.vtnio.loadgen.report;

/**
 * One server under comparison and the command that started it (shown with the flags of the
 * first scenario; {@code {port}} and the like already filled in), and how it was verified
 * before it was measured: {@code built-in: conformance suite (./vtnio test)}, {@code verified: 14
 * passed, 3 skipped} or {@code not verified (--no-verify)}; null in summaries written before
 * compare verified contestants.
 */
public record ContestantInfo(String name, String command, String verification) {

    /** A contestant whose verification is not known. */
    public ContestantInfo(String name, String command) {
        this(name, command, null);
    }
}
