package io.vtnio.loadgen.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The lines chat publishers send: {@code p} + publisher (8 hex digits), space, sequence number
 * (16), space, scheduled send time (16), space, actual send time (16), space, then letters up to
 * the line length, then the newline. Times are {@link System#nanoTime} of the publishing
 * process, so only receivers in that process take latency from them.
 *
 * <pre>{@code
 * p00000003 000000000000002a 00001c2b3f4e5d6a 00001c2b3f4e7711 abcdefgh...
 * }</pre>
 *
 * <p>Written into and read from byte arrays in place, without per-line objects.
 *
 * <p>Threading: immutable; share freely.
 */
public final class ChatLine {

    /** Bytes of the fixed fields and their separators, the shortest line possible. */
    public static final int HEADER_BYTES = 1 + 8 + 1 + 16 + 1 + 16 + 1 + 16 + 1;

    private static final int PUBLISHER_AT = 1;
    private static final int SEQUENCE_AT = 10;
    private static final int SCHEDULED_AT = 27;
    private static final int SENT_AT = 44;

    private final int lineBytes;
    private final byte[] padding;

    /** @param payloadBytes wanted line length without the newline; raised to {@link #HEADER_BYTES} */
    public ChatLine(int payloadBytes) {
        this.lineBytes = Math.max(payloadBytes, HEADER_BYTES);
        this.padding = new byte[lineBytes - HEADER_BYTES];
        for (int i = 0; i < padding.length; i++) {
            padding[i] = (byte) ('a' + i % 26);
        }
    }

    /** Line length on the wire, newline included. */
    public int wireBytes() {
        return lineBytes + 1;
    }

    /** Line length as the decoder hands it over. */
    public int lineBytes() {
        return lineBytes;
    }

    public void write(ByteBuffer out, int publisher, long sequence, long scheduledNs, long sentNs) {
        out.put((byte) 'p');
        HexField.put(out, publisher, 8);
        out.put((byte) ' ');
        HexField.put(out, sequence, 16);
        out.put((byte) ' ');
        HexField.put(out, scheduledNs, 16);
        out.put((byte) ' ');
        HexField.put(out, sentNs, 16);
        out.put((byte) ' ');
        out.put(padding);
        out.put((byte) '\n');
    }

    /** True when the bytes are a line this format writes, with the right length and padding. */
    public boolean isWellFormed(byte[] bytes, int offset, int length) {
        return length == lineBytes
                && bytes[offset] == 'p'
                && HexField.isHex(bytes, offset + PUBLISHER_AT, 8)
                && bytes[offset + SEQUENCE_AT - 1] == ' '
                && HexField.isHex(bytes, offset + SEQUENCE_AT, 16)
                && bytes[offset + SCHEDULED_AT - 1] == ' '
                && HexField.isHex(bytes, offset + SCHEDULED_AT, 16)
                && bytes[offset + SENT_AT - 1] == ' '
                && HexField.isHex(bytes, offset + SENT_AT, 16)
                && bytes[offset + HEADER_BYTES - 1] == ' '
                && Arrays.equals(bytes, offset + HEADER_BYTES, offset + length, padding, 0, padding.length);
    }

    public static int publisher(byte[] bytes, int offset) {
        return (int) HexField.parse(bytes, offset + PUBLISHER_AT, 8);
    }

    public static long sequence(byte[] bytes, int offset) {
        return HexField.parse(bytes, offset + SEQUENCE_AT, 16);
    }

    public static long scheduledNs(byte[] bytes, int offset) {
        return HexField.parse(bytes, offset + SCHEDULED_AT, 16);
    }

    public static long sentNs(byte[] bytes, int offset) {
        return HexField.parse(bytes, offset + SENT_AT, 16);
    }
}
