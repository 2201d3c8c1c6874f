package io.vtnio.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@link RemoteRule} of the suite, family by family in the suite's order: the rules that
 * need no control of the server's process (no flags of its own, no signals, no stdout, no
 * metrics, no descriptor limit) and so can check anyone's server. The families own them
 * ({@code EchoRules.FOR_ANY_SERVER}, ...); this only lists them, for {@code vtnio verify}.
 *
 * <p>Threading: immutable.
 */
public final class RemoteRuleCatalog {

    private RemoteRuleCatalog() {
    }

    /** All of them, in the order verify runs and prints them. */
    public static List<RemoteRule> all() {
        List<RemoteRule> rules = new ArrayList<>();
        rules.addAll(EchoRules.FOR_ANY_SERVER);
        rules.addAll(FramingRules.FOR_ANY_SERVER);
        rules.addAll(LifecycleRules.FOR_ANY_SERVER);
        rules.addAll(ChatRules.FOR_ANY_SERVER);
        rules.addAll(HelloRules.FOR_ANY_SERVER);
        rules.addAll(HttpRules.FOR_ANY_SERVER);
        rules.addAll(ConcurrencyRules.FOR_ANY_SERVER);
        rules.addAll(FaultRules.FOR_ANY_SERVER);
        rules.addAll(SlowConsumerRules.FOR_ANY_SERVER);
        return List.copyOf(rules);
    }
}
