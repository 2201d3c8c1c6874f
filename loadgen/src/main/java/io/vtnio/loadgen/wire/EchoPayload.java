package io.vtnio.loadgen.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The messages an echo connection sends and the replies it expects. A message is
 * {@code payloadBytes} bytes and a newline: a run of letters whose starting letter depends on
 * the connection (so a reply that reached the wrong connection is caught), ending in the
 * message's sequence number as up to 16 hex digits (so a reply out of order is caught). The
 * expected reply is the message, then the suffix, then the newline.
 *
 * <pre>{@code
 * payload.write(connectionIndex, sequence, sendBuffer);              // "...lmnop000000000000002a\n"
 * payload.matches(connectionIndex, sequence, reply, offset, length); // "...lmnop000000000000002a好"
 * }</pre>
 *
 * <p>Threading: immutable after construction; share freely.
 */
public final class EchoPayload {

    private static final int MAX_SEQUENCE_DIGITS = 16;
    private static final int LETTERS = 26;

    private final int payloadBytes;
    private final int sequenceDigits;
    private final int letterBytes;
    private final byte[] letters;
    private final byte[] suffix;

    /**
     * @param payloadBytes message length without the newline, at least 1; below 16 the sequence
     *                     number is kept modulo {@code 16^payloadBytes}
     * @param suffix       what the server appends before the newline; may be empty
     */
    public EchoPayload(int payloadBytes, byte[] suffix) {
        if (payloadBytes < 1) {
            throw new IllegalArgumentException("payloadBytes must be at least 1: " + payloadBytes);
        }
        this.payloadBytes = payloadBytes;
        this.sequenceDigits = Math.min(MAX_SEQUENCE_DIGITS, payloadBytes);
        this.letterBytes = payloadBytes - sequenceDigits;
        this.letters = new byte[letterBytes + LETTERS];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + i % LETTERS);
        }
        this.suffix = suffix.clone();
    }

    /** Bytes one message takes on the wire, newline included. */
    public int messageBytes() {
        return payloadBytes + 1;
    }

    /** Bytes of a correct reply as the decoder hands it over (newline removed). */
    public int replyBytes() {
        return payloadBytes + suffix.length;
    }

    /** Puts message {@code sequence} of connection {@code connectionIndex}; needs {@link #messageBytes} of room. */
    public void write(int connectionIndex, long sequence, ByteBuffer out) {
        writeText(connectionIndex, sequence, out);
        out.put((byte) '\n');
    }

    /** Puts the message's {@code payloadBytes} without the newline: an HTTP request's body. */
    public void writeText(int connectionIndex, long sequence, ByteBuffer out) {
        out.put(letters, connectionIndex % LETTERS, letterBytes);
        HexField.put(out, sequence, sequenceDigits);
    }

    /** True when {@code reply} is exactly the echo of message {@code sequence}. */
    public boolean matches(int connectionIndex, long sequence, byte[] reply, int offset, int length) {
        if (length != payloadBytes + suffix.length) {
            return false;
        }
        int start = connectionIndex % LETTERS;
        return Arrays.equals(reply, offset, offset + letterBytes, letters, start, start + letterBytes)
                && HexField.matches(reply, offset + letterBytes, sequence, sequenceDigits)
                && Arrays.equals(reply, offset + payloadBytes, offset + length, suffix, 0, suffix.length);
    }

    /**
     * True when {@code reply} begins like a message of this run (its sequence digits where this
     * run puts them): an echo, right or wrong, rather than something the server says of itself,
     * such as a greeting.
     */
    public boolean looksLikeAMessage(byte[] reply, int offset, int length) {
        return length >= payloadBytes && HexField.isHex(reply, offset + letterBytes, sequenceDigits);
    }

    /**
     * True when {@code reply} looks like a message of this run sent back without the suffix, as
     * a chat server delivers it; never true with an empty suffix, where that is the echo.
     */
    public boolean isMessageWithoutSuffix(byte[] reply, int offset, int length) {
        return suffix.length > 0 && length == payloadBytes
                && HexField.isHex(reply, offset + letterBytes, sequenceDigits);
    }

    public String suffixText() {
        return Printable.quote(suffix, 0, suffix.length);
    }

    /** The expected reply as text, for error messages. */
    public String expected(int connectionIndex, long sequence) {
        ByteBuffer reply = ByteBuffer.allocate(messageBytes() + suffix.length);
        write(connectionIndex, sequence, reply);
        reply.position(payloadBytes).put(suffix);
        return Printable.quote(reply.array(), 0, replyBytes());
    }
}
