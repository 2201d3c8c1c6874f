package io.vtnio.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rule of the conformance suite that needs no control of the server's process: only a host,
 * a port and what the server is known to do ({@link Target}). It exists once, as a static method
 * of its family ({@link EchoRules}, {@link FramingRules}, ...), and runs in two places: the JUnit
 * suite runs it against an in-process server started with {@link #serverFlags()}, and
 * {@code vtnio verify} runs it against anyone's server; both through {@link RuleRunner}, which
 * bounds it by {@link #timeout()}.
 *
 * <pre>{@code
 * static final RemoteRule ONE_LINE = RemoteRule.of("echo", "echoAnswersALineWithItsSuffixAndANewline",
 *         Needs.echo(), 10, EchoRules::echoAnswersALineWithItsSuffixAndANewline);
 * }</pre>
 *
 * @param family        the family it belongs to, e.g. {@code framing}
 * @param name          its name, as the JUnit test is called: {@code echoAnswersALineWithItsSuffixAndANewline}
 * @param needs         what the server must do for the rule to apply
 * @param trialFlags    more server flags the JUnit suite starts its server with (a small
 *                      {@code --max-line}, say); the rule itself must hold for any value
 * @param timeout       how long the rule may take in all, however the server misbehaves
 * @param body          the rule
 */
public record RemoteRule(String family, String name, Needs needs, List<String> trialFlags, Duration timeout,
                         Body body, Stake stake) {

    /**
     * What a failure of the rule says about a server. {@code compare} refuses to measure a
     * contestant that fails an {@link #ANSWERS} rule, whose figures would count wrong answers;
     * a failed {@link #ROBUSTNESS} rule (how it meets malformed, oversized, smuggled or stalled
     * input, or what the scenarios never send) is reported with its figures, not refused.
     */
    public enum Stake {
        /** Whether it answers rightly what a client asks: a failure makes its figures meaningless. */
        ANSWERS,
        /** How it meets bad or unusual input: a finding about the server, not about its figures. */
        ROBUSTNESS
    }

    /** The code of a rule: talks to {@code rule.target()} and throws {@link AssertionError} when it is broken. */
    @FunctionalInterface
    public interface Body {
        void run(RuleContext rule) throws Exception;
    }

    public RemoteRule {
        trialFlags = List.copyOf(trialFlags);
    }

    public static RemoteRule of(String family, String name, Needs needs, int timeoutSeconds, Body body) {
        return new RemoteRule(family, name, needs, List.of(), Duration.ofSeconds(timeoutSeconds), body, Stake.ANSWERS);
    }

    /** The same rule, tried in the JUnit suite on a server started with {@code flags} as well. */
    public RemoteRule triedWith(String... flags) {
        return new RemoteRule(family, name, needs, List.of(flags), timeout, body, stake);
    }

    /** The same rule about {@linkplain Stake#ROBUSTNESS robustness}: reported by {@code compare}, not refused. */
    public RemoteRule aboutRobustness() {
        return new RemoteRule(family, name, needs, trialFlags, timeout, body, Stake.ROBUSTNESS);
    }

    /** The flags of the in-process server the JUnit suite runs this rule against. */
    public List<String> serverFlags() {
        List<String> flags = new ArrayList<>(needs.flags());
        flags.addAll(trialFlags);
        return flags;
    }

    /** The name in words: {@code echo answers a line with its suffix and a newline}. */
    public String sentence() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                words.append(' ').append(Character.toLowerCase(c));
            } else {
                words.append(c);
            }
        }
        return words.toString().toLowerCase(Locale.ROOT);
    }
}
