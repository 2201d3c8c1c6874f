package io.vtnio.core;

/** What a {@link MessageDecoder} concluded about the bytes it was given. */
public enum DecodeResult {
    /** Every complete message was delivered; any incomplete tail is kept for the next call. */
    OK,
    /**
     * The input broke the protocol's rules: a line over the limit, or a malformed or oversized
     * HTTP request. Messages before it were delivered; the rest of the input was not looked at.
     * The connection owes {@link MessageDecoder#refusal()} and a lingering close; the decoder
     * must not be used again.
     */
    MALFORMED,
    /**
     * The last message delivered asked for the connection to end after its reply (HTTP's
     * {@code Connection: close}, or HTTP/1.0 without keep-alive). The rest of the input was not
     * looked at. The connection owes the replies delivered so far and a lingering close; the
     * decoder must not be used again.
     */
    CLOSE
}
