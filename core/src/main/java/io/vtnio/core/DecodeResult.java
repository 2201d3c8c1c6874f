package io.vtnio.core;

/** What a {@link MessageDecoder} concluded about the bytes it was given. */
public enum DecodeResult {
    /** Every complete message was delivered; any incomplete tail is kept for the next call. */
    OK,
    /**
     * A message exceeded the line limit. Messages before it were delivered; the rest of the
     * input was not looked at. The connection owes {@link Protocol#ERR_LINE_TOO_LONG} and a close.
     */
    LINE_TOO_LONG
}
