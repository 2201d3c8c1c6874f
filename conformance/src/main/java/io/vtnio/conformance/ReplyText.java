package io.vtnio.conformance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written for a failure message, in single quotes: valid UTF-8 as text (so {@code 好}
 * reads as {@code 好}), control characters as {@code \r}, {@code \n}, {@code \t} or
 * {@code \xNN}, bytes that are not UTF-8 as {@code \xNN}; a long reply shortened to its two ends
 * and its length, so a 64 KiB line stays one readable line.
 *
 * <pre>{@code
 * ReplyText.of("line-3好\r".getBytes(UTF_8))   // 'line-3好\r'
 * }</pre>
 *
 * <p>Threading: pure functions.
 */
public final class ReplyText {

    /** Replies up to this many bytes are shown whole. */
    private static final int WHOLE_BYTES = 80;
    /** Bytes shown from each end of a longer reply. */
    private static final int END_BYTES = 24;

    private ReplyText() {
    }

    /** {@code bytes} quoted and escaped, shortened when long. */
    public static String of(byte[] bytes) {
        if (bytes.length <= WHOLE_BYTES) {
            return "'" + escape(bytes, 0, bytes.length) + "'";
        }
        return "'" + escape(bytes, 0, END_BYTES) + "…" + escape(bytes, bytes.length - END_BYTES, bytes.length)
                + "' (" + bytes.length + " bytes)";
    }

    /** {@code text} as it would go over the wire in UTF-8, quoted and escaped. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(byte[] bytes, int from, int to) {
        String text = strictUtf8(bytes, from, to);
        StringBuilder out = new StringBuilder();
        if (text == null) {
            for (int i = from; i < to; i++) {
                int b = bytes[i] & 0xff;
                appendAscii(out, b);
            }
            return out.toString();
        }
        text.codePoints().forEach(c -> {
            if (c < 0x80) {
                appendAscii(out, c);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static void appendAscii(StringBuilder out, int b) {
        switch (b) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    out.append((char) b);
                } else {
                    out.append(String.format("\\x%02x", b));
                }
            }
        }
    }

    /** The bytes as text if they are valid UTF-8 (cut ends may split a character: then null). */
    private static String strictUtf8(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
