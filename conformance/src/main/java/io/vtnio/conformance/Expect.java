package io.vtnio.conformance;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a reply and fails with what was expected and what came, in words a person running
 * {@code vtnio verify} against their own server can act on:
 *
 * <pre>{@code
 * Expect.line(client, "hello好", "reply 3");
 * // reply 3: expected 'hello好' but came 'hello!'
 * // reply 3: expected 'hello好' but came nothing within 5s
 * // reply 3: expected 'hello好' but came 'hel' and then the connection was closed
 * }</pre>
 *
 * Replies are compared as bytes: a server must not decode text, and a multi-byte suffix that is
 * cut short is a wrong reply, not a decoding error.
 *
 * <p>Threading: pure functions over the client passed in (which one thread reads at a time).
 */
public final class Expect {

    private Expect() {
    }

    /** Reads one line (without its {@code \n}) and fails unless it is {@code expected} in UTF-8. */
    public static void line(TestClient client, String expected, String what) throws IOException {
        line(client, expected.getBytes(StandardCharsets.UTF_8), what);
    }

    /** Reads one line (without its {@code \n}) and fails unless it is {@code expected}. */
    public static void line(TestClient client, byte[] expected, String what) throws IOException {
        byte[] came;
        try {
            came = client.readLineBytes();
        } catch (IOException e) {
            throw new AssertionError(prefix(what) + "expected " + ReplyText.of(expected) + " but "
                    + describeFailedRead(client, e), e);
        }
        same(expected, came, what);
    }

    /** Reads exactly as many bytes as {@code expected} holds and fails unless they are equal. */
    public static void bytes(TestClient client, byte[] expected, String what) throws IOException {
        byte[] came;
        try {
            came = client.readExactly(expected.length);
        } catch (IOException e) {
            throw new AssertionError(prefix(what) + "expected " + ReplyText.of(expected) + " but "
                    + describeFailedRead(client, e), e);
        }
        same(expected, came, what);
    }

    /** {@link #bytes(TestClient, byte[], String)} of {@code expected} in UTF-8. */
    public static void bytes(TestClient client, String expected, String what) throws IOException {
        bytes(client, expected.getBytes(StandardCharsets.UTF_8), what);
    }

    /**
     * One read call of at most {@code max} bytes, as the tutorial's {@code recv(1024)}, and fails
     * unless it returns {@code expected}.
     */
    public static void oneRead(TestClient client, int max, String expected, String what) throws IOException {
        byte[] wanted = expected.getBytes(StandardCharsets.UTF_8);
        byte[] came;
        try {
            came = client.readOnce(max);
        } catch (IOException e) {
            throw new AssertionError(prefix(what) + "expected " + ReplyText.of(wanted) + " but "
                    + describeFailedRead(client, e), e);
        }
        same(wanted, came, what);
    }

    /** Fails unless {@code came} equals {@code expected}, naming both. */
    public static void same(byte[] expected, byte[] came, String what) {
        if (Arrays.equals(expected, came)) {
            return;
        }
        int at = Arrays.mismatch(expected, came);
        if (Math.max(expected.length, came.length) <= 80) {
            throw new AssertionError(prefix(what) + "expected " + ReplyText.of(expected) + " but came "
                    + ReplyText.of(came));
        }
        // A long reply: show where it goes wrong, not its two ends.
        int from = Math.max(0, at - 16);
        throw new AssertionError(prefix(what) + "expected " + expected.length + " bytes, came " + came.length
                + ", first different at byte " + at + ": expected " + window(expected, from) + " but came "
                + window(came, from));
    }

    private static String window(byte[] bytes, int from) {
        int to = Math.min(bytes.length, from + 32);
        String text = from >= to ? "''" : ReplyText.of(Arrays.copyOfRange(bytes, from, to));
        return (from > 0 ? "…" : "") + text + (to < bytes.length ? "…" : "");
    }

    /**
     * Fails unless {@code came} holds the lines of {@code expected} in the same order, naming the
     * first line that differs rather than printing thousands.
     */
    public static void sameLines(List<String> expected, List<String> came, String what) {
        int common = Math.min(expected.size(), came.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(came.get(i))) {
                throw new AssertionError(prefix(what) + "line " + i + ": expected " + ReplyText.of(expected.get(i))
                        + " but came " + ReplyText.of(came.get(i)));
            }
        }
        if (expected.size() != came.size()) {
            throw new AssertionError(prefix(what) + "expected " + expected.size() + " lines but came " + came.size()
                    + (came.size() > common ? ", the first extra " + ReplyText.of(came.get(common))
                    : ", the first missing " + ReplyText.of(expected.get(common))));
        }
    }

    /**
     * What a read that threw {@code e} saw, from "came": {@code came nothing within 5s},
     * {@code came 'hel' and then the connection was closed}, ...
     */
    static String describeFailedRead(TestClient client, IOException e) {
        byte[] partial = client.partialReply();
        String came = partial.length == 0 ? "" : "came " + ReplyText.of(partial) + " and then ";
        if (e instanceof SocketTimeoutException) {
            return (partial.length == 0 ? "came " : came) + "nothing within " + readTimeoutSeconds(client) + "s";
        }
        if (e instanceof EOFException) {
            return came + "the connection was closed";
        }
        if (e instanceof SocketException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
            return came + "the connection was reset";
        }
        return came + "the read failed: " + e;
    }

    private static String readTimeoutSeconds(TestClient client) {
        try {
            int ms = client.socket().getSoTimeout();
            return ms % 1000 == 0 ? Integer.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
        } catch (SocketException e) {
            return "?";
        }
    }

    private static String prefix(String what) {
        return what == null || what.isEmpty() ? "" : what + ": ";
    }
}
