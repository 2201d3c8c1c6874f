package io.vtnio.loadgen.wire;

import java.nio.ByteBuffer;

/**
 * Fixed-width lowercase hexadecimal numbers inside message bytes: written straight into a
 * buffer and compared or parsed in place, so sequence numbers and timestamps travel in a
 * message without any per-message object.
 *
 * <p>A width below 16 keeps the low-order digits only (the value modulo {@code 16^width}).
 *
 * <p>Threading: stateless.
 */
public final class HexField {

    private static final byte[] DIGITS = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
    };

    private HexField() {
    }

    /** Puts {@code width} digits of {@code value}, most significant first; width 1..16. */
    public static void put(ByteBuffer out, long value, int width) {
        for (int shift = 4 * (width - 1); shift >= 0; shift -= 4) {
            out.put(DIGITS[(int) (value >>> shift) & 0xf]);
        }
    }

    /** True when {@code bytes[offset, offset + width)} are the digits {@link #put} writes for {@code value}. */
    public static boolean matches(byte[] bytes, int offset, long value, int width) {
        for (int i = 0, shift = 4 * (width - 1); i < width; i++, shift -= 4) {
            if (bytes[offset + i] != DIGITS[(int) (value >>> shift) & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /** True when all {@code width} bytes are lowercase hex digits. */
    public static boolean isHex(byte[] bytes, int offset, int width) {
        for (int i = offset; i < offset + width; i++) {
            byte b = bytes[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code width} digits already checked with {@link #isHex}. */
    public static long parse(byte[] bytes, int offset, int width) {
        long value = 0;
        for (int i = offset; i < offset + width; i++) {
            byte b = bytes[i];
            value = (value << 4) | (b <= '9' ? b - '0' : b - 'a' + 10);
        }
        return value;
    }
}
