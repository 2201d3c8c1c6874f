package io.vtnio.conformance;

/**
 * How one {@link RemoteRule} went against one server: passed, failed (with what was expected and
 * what came) or skipped (with why), in one line each.
 *
 * @param rule   the rule
 * @param status pass, fail or skip
 * @param detail for a failure what went wrong, for a skip why; empty for a pass
 */
public record RuleOutcome(RemoteRule rule, Status status, String detail) {

    /** Passed, failed or skipped. */
    public enum Status { PASS, FAIL, SKIP }

    public static RuleOutcome pass(RemoteRule rule) {
        return new RuleOutcome(rule, Status.PASS, "");
    }

    public static RuleOutcome fail(RemoteRule rule, String detail) {
        return new RuleOutcome(rule, Status.FAIL, detail);
    }

    public static RuleOutcome skip(RemoteRule rule, String why) {
        return new RuleOutcome(rule, Status.SKIP, why);
    }

    /** {@code pass  echo: echo answers a line ...}, with {@code : detail} after a failure or skip. */
    public String line() {
        String word = switch (status) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case SKIP -> "skip";
        };
        return word + "  " + rule.family() + ": " + rule.sentence() + (detail.isEmpty() ? "" : " -- " + detail);
    }
}
