package io.vtnio.loadgen;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every error of a run, counted by {@link ErrorKind}, with the first few messages kept for the
 * reporter to print: errors are never hidden, but ten thousand identical lines help nobody.
 *
 * <p>Threading: {@link #report} from any loop thread (errors are rare, so a shared atomic costs
 * nothing on the hot path); {@link #takeMessages} and the counts from the reporter thread.
 */
final class RunErrors {

    /** Messages kept for printing; later errors are counted only. */
    static final int MAX_MESSAGES = 20;

    private final AtomicLongArray counts = new AtomicLongArray(ErrorKind.values().length);
    private final List<String> pending = new ArrayList<>();
    private int messagesKept;
    private String firstConnectMessage;

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
            if (messagesKept < MAX_MESSAGES) {
                messagesKept++;
                pending.add(kind.jsonName() + ": " + message);
                if (messagesKept == MAX_MESSAGES) {
                    pending.add("further errors are counted but not printed");
                }
            }
        }
    }

    /** Messages reported since the last call, oldest first. */
    List<String> takeMessages() {
        synchronized (pending) {
            List<String> taken = List.copyOf(pending);
            pending.clear();
            return taken;
        }
    }

    /** The first connect failure's message, naming the address; null if none. */
    String firstConnectMessage() {
        synchronized (pending) {
            return firstConnectMessage;
        }
    }

    long count(ErrorKind kind) {
        return counts.get(kind.ordinal());
    }

    long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** Non-zero counts by kind, in declaration order. */
    Map<ErrorKind, Long> byKind() {
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
