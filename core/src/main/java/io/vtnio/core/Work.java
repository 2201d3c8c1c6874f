package io.vtnio.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;

/**
 * The work a server does per message before replying ({@code --work}): nothing, a blocking
 * sleep standing in for a database call, or rounds of SHA-256 over the message.
 *
 * <pre>{@code
 * Work work = Work.parse("sleep:2ms");
 * work.perform(bytes, offset, length);   // blocks the calling thread for 2 ms
 * }</pre>
 *
 * <p>Threading: implementations are immutable and {@link #perform} may be called from any number
 * of threads at once. {@code perform} blocks; the selector server never calls it on a loop thread.
 */
public sealed interface Work {

    /** Does the work for one message; may block. */
    void perform(byte[] message, int offset, int length);

    /** True when {@link #perform} does nothing, so servers can skip hand-offs entirely. */
    default boolean isNone() {
        return false;
    }

    /**
     * Parses {@code none}, {@code sleep:DURATION} (e.g. {@code sleep:2ms}) or {@code cpu:N}.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    static Work parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("none")) {
            return None.INSTANCE;
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        switch (kind) {
            case "sleep" -> {
                Duration duration = HumanDuration.parse(argument);
                if (duration.isZero()) {
                    return None.INSTANCE;
                }
                return new Sleep(duration);
            }
            case "cpu" -> {
                int rounds;
                try {
                    rounds = Integer.parseInt(argument);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cpu:N needs a whole number of rounds, got '" + argument + "'");
                }
                if (rounds < 0) {
                    throw new IllegalArgumentException("cpu:N needs N >= 0, got " + rounds);
                }
                return rounds == 0 ? None.INSTANCE : new Cpu(rounds);
            }
            default -> throw new IllegalArgumentException(
                    "work must be none, sleep:DURATION (e.g. sleep:2ms) or cpu:N (e.g. cpu:10), got '" + text + "'");
        }
    }

    /** No work: reply at once. */
    enum None implements Work {
        INSTANCE;

        @Override
        public void perform(byte[] message, int offset, int length) {
        }

        @Override
        public boolean isNone() {
            return true;
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** A blocking call of fixed length, like a query to a database. */
    record Sleep(Duration duration) implements Work {
        @Override
        public void perform(byte[] message, int offset, int length) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return "sleep:" + HumanDuration.format(duration);
        }
    }

    /** {@code rounds} rounds of SHA-256, the first over the message, each next over the last digest. */
    record Cpu(int rounds) implements Work {
        private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Cpu::newDigest);

        @Override
        public void perform(byte[] message, int offset, int length) {
            Blackhole.consume(hash(message, offset, length)[0]);
        }

        /** The last digest of {@link #perform}'s chain; package-private for tests. */
        byte[] hash(byte[] message, int offset, int length) {
            MessageDigest digest = SHA256.get();
            digest.update(message, offset, length);
            byte[] hash = digest.digest();
            for (int i = 1; i < rounds; i++) {
                hash = digest.digest(hash);
            }
            return hash;
        }

        private static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        public String toString() {
            return "cpu:" + rounds;
        }
    }

    /** Keeps the JIT from proving the digest unused. */
    final class Blackhole {
        private static volatile int sink;

        private Blackhole() {
        }

        static void consume(byte value) {
            sink += value;
        }
    }
}
