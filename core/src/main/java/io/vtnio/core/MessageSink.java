package io.vtnio.core;

/**
 * Receives the messages a {@link MessageDecoder} finds, one call per message, in arrival order.
 *
 * <p>The bytes are only valid during the call: they usually lie in the caller's read buffer,
 * which is reused as soon as decoding returns. Copy what must outlive the call.
 *
 * <p>Threading: called on the thread that called {@code decode}.
 */
@FunctionalInterface
public interface MessageSink {

    /**
     * One whole message, terminator excluded.
     *
     * @param bytes  array holding the message; do not keep a reference to it
     * @param offset index of the first byte, {@code 0 <= offset <= bytes.length}
     * @param length number of bytes, {@code 0 <= length <= maxLineBytes}
     */
    void onMessage(byte[] bytes, int offset, int length);
}
