package io.vtnio.loadgen.cli;

import io.vtnio.core.Mode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --mode} in any letter case ({@code echo}, {@code CHAT}), whatever the
 * command line's enum setting, so tests and the launcher parse it alike.
 *
 * <p>Threading: stateless.
 */
final class ModeConverter implements ITypeConverter<Mode> {

    @Override
    public Mode convert(String value) {
        for (Mode mode : Mode.values()) {
            if (mode.name().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a mode; use echo, chat or hello");
    }

    static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
