package io.vtnio.conformance;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link RemoteRule} against a {@link Target} within the rule's time bound, so a server that
 * hangs fails the rule instead of hanging the run: the rule runs on a thread of its own, and when
 * its time is up the runner closes the rule's clients (which ends any read it is blocked in) and
 * reports it as overrun. The JUnit suite calls {@link #check}, which throws what the rule threw;
 * {@code vtnio verify} calls {@link #outcome}, which turns it into one line.
 *
 * <p>Threading: blocks the calling thread for at most the rule's timeout plus a few seconds.
 */
public final class RuleRunner {

    /** How long an overrun rule's thread gets to notice its closed clients before it is left behind. */
    private static final long AFTER_CLOSE_MS = 3_000;

    private RuleRunner() {
    }

    /**
     * Runs {@code rule} against {@code target}; returns when it held.
     *
     * @throws AssertionError when it was broken or overran its time; any other exception the rule threw
     */
    public static void check(RemoteRule rule, Target target) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (RuleContext context = new RuleContext(target)) {
            Thread thread = Thread.ofPlatform().daemon().name("rule-" + rule.name()).start(() -> {
                try {
                    rule.body().run(context);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            if (!thread.join(rule.timeout())) {
                context.close();
                thread.interrupt();
                thread.join(AFTER_CLOSE_MS);
                throw new AssertionError("did not finish within " + rule.timeout().toSeconds() + "s"
                        + (thrown.get() == null ? "" : "; then: " + oneLine(thrown.get())));
            }
        }
        Throwable failure = thrown.get();
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Runs {@code rule} unless {@code target} does not meet its needs, and says how it went. */
    public static RuleOutcome outcome(RemoteRule rule, Target target) {
        String unmet = rule.needs().unmetBy(target);
        if (unmet != null) {
            return RuleOutcome.skip(rule, unmet);
        }
        try {
            check(rule, target);
            return RuleOutcome.pass(rule);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RuleOutcome.fail(rule, "interrupted");
        } catch (Exception | Error e) {
            // Whatever broke, it broke this rule only: the next one still runs and gets its line.
            return RuleOutcome.fail(rule, oneLine(e));
        }
    }

    /** A failure in one line: an assertion's message as it is, another exception with its kind. */
    static String oneLine(Throwable t) {
        String message;
        if (t instanceof AssertionError) {
            message = String.valueOf(t.getMessage());
        } else if (t instanceof IOException && t.getMessage() != null) {
            message = "I/O error: " + t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
        } else {
            message = t.toString();
        }
        return message.replace("\r", "\\r").replace("\n", " | ");
    }
}
