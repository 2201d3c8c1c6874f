package io.vtnio.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every {@link RemoteRule} of {@link RemoteRuleCatalog} run against one server, one after another,
 * each within its time bound: what {@code vtnio verify} prints and what {@code compare} checks a
 * contestant with before measuring it.
 *
 * <pre>{@code
 * Verification result = Verification.run(Target.remote("127.0.0.1", 8001), outcome -> out.println(outcome.line()));
 * out.println(result.summary());   // 24 passed, 2 failed, 6 skipped
 * }</pre>
 *
 * @param outcomes one per rule, in catalog order
 */
public record Verification(List<RuleOutcome> outcomes) {

    public Verification {
        outcomes = List.copyOf(outcomes);
    }

    /** Runs every rule against {@code target}, handing each outcome to {@code eachOutcome} as it comes. */
    public static Verification run(Target target, Consumer<RuleOutcome> eachOutcome) {
        return run(RemoteRuleCatalog.all(), target, eachOutcome);
    }

    /** Runs {@code rules} against {@code target}, handing each outcome to {@code eachOutcome} as it comes. */
    public static Verification run(List<RemoteRule> rules, Target target, Consumer<RuleOutcome> eachOutcome) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (RemoteRule rule : rules) {
            RuleOutcome outcome = RuleRunner.outcome(rule, target);
            outcomes.add(outcome);
            eachOutcome.accept(outcome);
        }
        return new Verification(outcomes);
    }

    public long passed() {
        return count(RuleOutcome.Status.PASS);
    }

    public long failed() {
        return count(RuleOutcome.Status.FAIL);
    }

    public long skipped() {
        return count(RuleOutcome.Status.SKIP);
    }

    /** The rules that failed, in order. */
    public List<RemoteRule> failedRules() {
        return outcomes.stream().filter(o -> o.status() == RuleOutcome.Status.FAIL).map(RuleOutcome::rule).toList();
    }

    /** The rules that failed and are about its answers ({@link RemoteRule.Stake#ANSWERS}), in order. */
    public List<RemoteRule> failedAnswerRules() {
        return failedRules().stream().filter(rule -> rule.stake() == RemoteRule.Stake.ANSWERS).toList();
    }

    /** {@code 24 passed, 2 failed, 6 skipped}, or {@code 10 passed, 5 failed (all on robustness), 27 skipped}. */
    public String summary() {
        long robustness = failed() - failedAnswerRules().size();
        String which = robustness == 0 ? "" : robustness == failed() ? " (all on robustness)"
                : " (" + robustness + " on robustness)";
        return passed() + " passed, " + failed() + " failed" + which + ", " + skipped() + " skipped";
    }

    private long count(RuleOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
