package io.vtnio.core;

/** How a byte stream is cut into messages (docs/protocol.md#the-protocol-in-brief). */
public enum Framing {
    /** Up to {@code \n}; a {@code \r} right before it is dropped. The default. */
    LINE,
    /** Every chunk one read returns is one message; echo mode only. */
    RAW
}
