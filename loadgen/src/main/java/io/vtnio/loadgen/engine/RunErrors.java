package io.vtnio.loadgen.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every error of a run, counted by {@link ErrorKind}, with the first few messages kept for the
 * reporter to print: errors are never hidden, but ten thousand identical lines help nobody. Every
 * kind counted keeps its first {@value #MESSAGES_PER_KIND} messages for the summary and the JSON,
 * and the first message of a kind is printed even after {@value #MAX_MESSAGES} others, so no
 * count ever stands without a reason beside it.
 *
 * <p>A {@linkplain #reportMismatch mismatch} (the server runs another mode) is one finding, not
 * one error per connection: its message is kept once and ends the run.
 *
 * <p>Threading: {@link #report} from any loop thread (errors are rare, so a shared atomic costs
 * nothing on the hot path); {@link #takeMessages} and the counts from the reporter thread.
 */
public final class RunErrors {

    /** Messages kept for printing; later errors are counted only. */
    public static final int MAX_MESSAGES = 20;

    private final AtomicLongArray counts = new AtomicLongArray(ErrorKind.values().length);
    private final List<String> pending = new ArrayList<>();
    /** Messages kept per kind for the summary; later ones of that kind are counted only. */
    static final int MESSAGES_PER_KIND = 3;

    private final Map<ErrorKind, List<String>> firstByKind = new EnumMap<>(ErrorKind.class);
    private int messagesKept;
    private String firstConnectMessage;
    private volatile String mismatch;

    /** Counts one error of {@code kind}; keeps {@code message} if fewer than {@link #MAX_MESSAGES} were kept. */
    void report(ErrorKind kind, String message) {
        report(kind, 1, message);
    }

    /** Counts {@code count} errors of {@code kind} (at least 1) that {@code message} describes together. */
    void report(ErrorKind kind, long count, String message) {
        counts.addAndGet(kind.ordinal(), count);
        synchronized (pending) {
            if (kind == ErrorKind.CONNECT && firstConnectMessage == null) {
                firstConnectMessage = message;
            }
            List<String> kept = firstByKind.computeIfAbsent(kind, k -> new ArrayList<>());
            boolean firstOfKind = kept.isEmpty();
            if (kept.size() < MESSAGES_PER_KIND) {
                kept.add(message);
            }
            if (messagesKept < MAX_MESSAGES) {
                messagesKept++;
                pending.add(kind.jsonName() + ": " + message);
                if (messagesKept == MAX_MESSAGES) {
                    pending.add("further errors are counted but not printed, except the first of each kind");
                }
            } else if (firstOfKind) {
                pending.add(kind.jsonName() + ": " + message);
            }
        }
    }

    /**
     * Counts one error of {@code kind} that shows the server runs another mode than the
     * generator's; the first such message becomes {@link #mismatch} (printed once, at the end),
     * later ones are counted only. The caller also ends the run.
     */
    void reportMismatch(ErrorKind kind, String message) {
        counts.incrementAndGet(kind.ordinal());
        synchronized (pending) {
            if (mismatch == null) {
                mismatch = message;
                firstByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(message);
            }
        }
    }

    /** The one line saying the server runs another mode, or null. Any thread. */
    public String mismatch() {
        return mismatch;
    }

    /** The first few messages of every kind counted, by JSON name, in declaration order. */
    public Map<String, List<String>> messagesByKind() {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        synchronized (pending) {
            firstByKind.forEach((kind, messages) -> byName.put(kind.jsonName(), List.copyOf(messages)));
        }
        return byName;
    }

    /** Messages reported since the last call, oldest first. */
    public List<String> takeMessages() {
        synchronized (pending) {
            List<String> taken = List.copyOf(pending);
            pending.clear();
            return taken;
        }
    }

    /** The first connect failure's message, naming the address; null if none. */
    public String firstConnectMessage() {
        synchronized (pending) {
            return firstConnectMessage;
        }
    }

    long count(ErrorKind kind) {
        return counts.get(kind.ordinal());
    }

    public long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** Non-zero counts by kind, in declaration order. */
    public Map<ErrorKind, Long> byKind() {
        Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            long count = count(kind);
            if (count > 0) {
                byKind.put(kind, count);
            }
        }
        return byKind;
    }
}
