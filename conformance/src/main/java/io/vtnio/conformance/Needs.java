package io.vtnio.conformance;

import io.vtnio.core.Framing;
import io.vtnio.core.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link RemoteRule} needs the server to do: its mode and framing, and, for the few rules
 * about a particular setting, that setting's value ({@code null}: any value will do, the rule
 * uses the server's own). {@code vtnio verify} skips a rule whose needs the server does not meet
 * and says why; the conformance suite starts its in-process server with {@link #flags()}.
 *
 * @param mode     the mode the rule is about
 * @param framing  the framing the rule is about (line for chat and hello)
 * @param suffix   the suffix the rule needs, or null for any
 * @param greeting the greeting the rule needs, or null for any
 * @param longestLine the longest line the rule sends, which {@code --max-line} must allow; 0 for short lines
 */
public record Needs(Mode mode, Framing framing, String suffix, String greeting, int longestLine) {

    public static Needs echo() {
        return new Needs(Mode.ECHO, Framing.LINE, null, null, 0);
    }

    public static Needs rawEcho() {
        return new Needs(Mode.ECHO, Framing.RAW, null, null, 0);
    }

    public static Needs chat() {
        return new Needs(Mode.CHAT, Framing.LINE, null, null, 0);
    }

    public static Needs hello() {
        return new Needs(Mode.HELLO, Framing.LINE, null, null, 0);
    }

    /** HTTP/1.1 ({@code --mode http}); framing does not apply, the flag stays at its default. */
    public static Needs http() {
        return new Needs(Mode.HTTP, Framing.LINE, null, null, 0);
    }

    public Needs suffix(String needed) {
        return new Needs(mode, framing, needed, greeting, longestLine);
    }

    public Needs greeting(String needed) {
        return new Needs(mode, framing, suffix, needed, longestLine);
    }

    /** The rule sends lines of up to {@code bytes} bytes, terminator excluded. */
    public Needs linesUpTo(int bytes) {
        return new Needs(mode, framing, suffix, greeting, bytes);
    }

    /** Why {@code target} cannot run the rule, e.g. {@code needs --mode chat}; null when it can. */
    public String unmetBy(Target target) {
        if (target.mode() != mode) {
            return "needs --mode " + lower(mode);
        }
        if (target.framing() != framing) {
            return "needs --framing " + lower(framing);
        }
        if (suffix != null && !suffix.equals(target.suffix())) {
            return "needs a server started with --suffix " + quoted(suffix);
        }
        if (greeting != null && !greeting.equals(target.greeting())) {
            return "needs a server started with --greeting " + quoted(greeting);
        }
        if (target.maxLineBytes() < longestLine) {
            return "needs --max-line " + longestLine + " or more (it sends lines that long)";
        }
        return null;
    }

    /** vtnio server flags that meet these needs (the rest left at their defaults). */
    public List<String> flags() {
        List<String> flags = new ArrayList<>(List.of("--mode", lower(mode), "--framing", lower(framing)));
        if (suffix != null) {
            flags.addAll(List.of("--suffix", suffix));
        }
        if (greeting != null) {
            flags.addAll(List.of("--greeting", greeting));
        }
        return flags;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** As a shell would take it: {@code ' [ok]'}, {@code ''}. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
