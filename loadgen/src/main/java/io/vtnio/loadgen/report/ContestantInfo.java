package io.vtnio.loadgen.report;

/**
 * One server under comparison and the command that started it (shown with the flags of the
 * first scenario; {@code {port}} and the like already filled in).
 */
public record ContestantInfo(String name, String command) {
}
