package io.vtnio.core;

import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The texts an echo or hello server adds to what it sends, {@code --suffix} and {@code --greeting}:
 * one picocli mixin for the servers (what they send), {@code load} and {@code verify} (what they
 * expect), so the three take the same flags with the same defaults and the same checks.
 *
 * <pre>{@code
 * @Mixin ProtocolTextOptions texts;
 * ...
 * texts.suffixBytes();   // checked: no newline
 * }</pre>
 *
 * <p>Threading: filled in by picocli on the parsing thread, then read on that thread.
 */
public final class ProtocolTextOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--suffix", defaultValue = Protocol.DEFAULT_SUFFIX, paramLabel = "TEXT",
            description = "Echo mode: what the server appends to each message; may be empty "
                    + "(default: ${DEFAULT-VALUE}).")
    private String suffix;

    @Option(names = "--greeting", defaultValue = Protocol.DEFAULT_GREETING, paramLabel = "TEXT",
            description = "Hello mode: what the server sends before the newline (default: ${DEFAULT-VALUE}).")
    private String greeting;

    /**
     * {@code --suffix} as UTF-8.
     *
     * @throws ParameterException when it holds a newline, which ends the reply
     */
    public byte[] suffixBytes() {
        return suffix().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code --greeting} as UTF-8.
     *
     * @throws ParameterException when it holds a newline, which ends the greeting
     */
    public byte[] greetingBytes() {
        return greeting().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code --suffix} as given, checked as {@link #suffixBytes} is. */
    public String suffix() {
        return checked("--suffix", suffix, "it ends the reply");
    }

    /** {@code --greeting} as given, checked as {@link #greetingBytes} is. */
    public String greeting() {
        return checked("--greeting", greeting, "it ends the greeting");
    }

    private String checked(String option, String text, String why) {
        if (text.indexOf('\n') >= 0) {
            throw new ParameterException(mixee.commandLine(), option + " must not hold a newline: " + why);
        }
        return text;
    }
}
