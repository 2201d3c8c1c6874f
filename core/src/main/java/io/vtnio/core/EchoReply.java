package io.vtnio.core;

import java.nio.ByteBuffer;

/**
 * Builds echo replies: {@code message + suffix + "\n"} in line framing, {@code chunk + suffix}
 * in raw framing. Writes into a caller's array or buffer so the hot path allocates nothing.
 *
 * <p>Threading: immutable; share freely.
 */
public final class EchoReply {

    private final byte[] suffix;
    private final boolean newline;

    public EchoReply(byte[] suffix, Framing framing) {
        this.suffix = suffix.clone();
        this.newline = framing == Framing.LINE;
    }

    /** Bytes the reply to a message of {@code messageLength} bytes takes. */
    public int length(int messageLength) {
        return messageLength + suffix.length + (newline ? 1 : 0);
    }

    /**
     * Writes the reply at {@code out[at]}; the array must have room for {@link #length}.
     *
     * @return the index just past the reply
     */
    public int write(byte[] message, int offset, int length, byte[] out, int at) {
        System.arraycopy(message, offset, out, at, length);
        at += length;
        System.arraycopy(suffix, 0, out, at, suffix.length);
        at += suffix.length;
        if (newline) {
            out[at++] = Protocol.NEWLINE;
        }
        return at;
    }

    /** Puts the reply into {@code out}, which must have {@link #length} bytes remaining. */
    public void write(byte[] message, int offset, int length, ByteBuffer out) {
        out.put(message, offset, length).put(suffix);
        if (newline) {
            out.put(Protocol.NEWLINE);
        }
    }

    /** The reply as a new array. */
    public byte[] toBytes(byte[] message, int offset, int length) {
        byte[] reply = new byte[length(length)];
        write(message, offset, length, reply, 0);
        return reply;
    }
}
