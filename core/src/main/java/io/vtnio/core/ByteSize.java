package io.vtnio.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Byte counts as people type them: {@code 65536}, {@code 64k}, {@code 64KiB}, {@code 1m},
 * {@code 1MiB}. Suffixes are binary (k = 1024), as in most load tools.
 *
 * <p>Threading: stateless.
 */
public final class ByteSize {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    private ByteSize() {
    }

    /**
     * Parses a non-negative byte count.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size; use bytes or a number with k, m or g (binary), e.g. 64k or 1MiB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'b' -> 0;
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> throw new AssertionError(unit);
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
    }

    /**
     * picocli converter for {@code int} options; rejects sizes beyond 2 GiB - 1. Failures are
     * {@link TypeConversionException}s, which picocli reports as its message alone:
     * {@code Invalid value for option '--max-line': '12q' is not a size; ...}.
     */
    public static final class IntConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long bytes;
            try {
                bytes = parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (bytes > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is too large; at most 2147483647 bytes");
            }
            return (int) bytes;
        }
    }
}
