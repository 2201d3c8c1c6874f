package io.vtnio.core;

/** What a server does with the messages it receives (docs/protocol.md#the-protocol-in-brief). */
public enum Mode {
    /** Each message answered with message + suffix + newline, in order. */
    ECHO,
    /** Each line delivered to every connected client, the sender included, in one order. */
    CHAT,
    /** A greeting line on accept, then close. */
    HELLO,
    /**
     * HTTP/1.1 with keep-alive and pipelining: {@code GET /plaintext} answers {@code Hello, World!},
     * {@code POST /echo} the request body ({@link io.vtnio.core.http.HttpExchange}).
     */
    HTTP
}
