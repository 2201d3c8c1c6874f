package io.vtnio.core;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level constants of the vtnio line protocol and its one line encoding, shared by both
 * servers and the generator.
 *
 * <p>Threading: constants and pure functions.
 */
public final class Protocol {

    /** What a server writes before closing a connection whose line exceeded {@code --max-line}. */
    public static final byte[] ERR_LINE_TOO_LONG = "ERR line too long\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * What a server writes to a connection it accepts beyond {@code --max-connections}, before
     * closing it: a polite refusal the client can read, rather than a silent reset or a hang.
     */
    public static final byte[] ERR_TOO_MANY_CONNECTIONS =
            "ERR too many connections\n".getBytes(StandardCharsets.US_ASCII);

    /** The terminator of a line. */
    public static final byte NEWLINE = '\n';

    /** Default echo suffix: U+597D, three bytes of UTF-8. */
    public static final String DEFAULT_SUFFIX = "好";

    /** Default {@code --greeting} of hello mode, written before its newline. */
    public static final String DEFAULT_GREETING = "hello";

    /** Default {@code --max-line}. */
    public static final int DEFAULT_MAX_LINE_BYTES = 65_536;

    /** Default {@code --max-outbound}: 1 MiB. */
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 1 << 20;

    /**
     * The most the default {@code --max-connections} ever is, and the default where the
     * descriptor limit is unknown; below that limit the default is the limit less a reserve
     * ({@link ServerOptions#defaultMaxConnections}). The cap keeps a process with a huge limit
     * (1,048,576 in many containers) from admitting more connections by default than one server
     * JVM can hold: each may buffer up to {@code --max-line} (64 KiB) of an unfinished line, so
     * 16,384 of them can already hold 1 GiB. It also exceeds what any built-in scenario opens
     * (5,000 for {@code idle}) and sits below the 20,000 descriptors of the machines this project
     * is measured on, where the default is the cap. Give {@code --max-connections} to go beyond.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 16_384;

    private Protocol() {
    }

    /**
     * {@code bytes[offset, offset + length)} followed by {@link #NEWLINE}, in a new array: a
     * greeting or a chat line as it goes on the wire. The array is shared by every receiver and
     * never written into again.
     */
    public static byte[] line(byte[] bytes, int offset, int length) {
        byte[] line = java.util.Arrays.copyOfRange(bytes, offset, offset + length + 1);
        line[length] = NEWLINE;
        return line;
    }
}
