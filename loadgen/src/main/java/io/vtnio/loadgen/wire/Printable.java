package io.vtnio.loadgen.wire;

import java.nio.charset.StandardCharsets;

/**
 * Renders received bytes for an error message: decoded as UTF-8 (invalid bytes replaced),
 * control characters escaped, cut to a readable length, in quotes.
 *
 * <p>Threading: stateless.
 */
public final class Printable {

    private static final int MAX_CHARS = 80;

    private Printable() {
    }

    public static String quote(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8).append('\'');
        for (int i = 0; i < text.length() && i < MAX_CHARS; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.append("' (").append(length).append(" bytes)").toString();
    }
}
