package io.vtnio.loadgen.engine;

/** Why a connection or a reply failed; each kind is counted apart in the summary. */
public enum ErrorKind {
    /** A connect was refused, unreachable or timed out; never a connection that had connected. */
    CONNECT("connect"),
    /** The server closed a connection that still had work to do. */
    CLOSED("closed"),
    /** A connection that was established was reset by the server (RST). */
    RESET("reset"),
    /** A read or write of an established connection failed otherwise, e.g. broken pipe. */
    IO("io"),
    /** A reply did not arrive within {@code --timeout}. */
    TIMEOUT("timeout"),
    /** A reply was wrong: content, order, gap, length or greeting (HTTP: the body). */
    WRONG_REPLY("wrongReply"),
    /** HTTP: a response's status was not the one expected ({@code --expect-status}, default 200). */
    WRONG_STATUS("wrongStatus"),
    /** HTTP: the bytes were no valid HTTP/1.1 response stream (status line, fields, framing, limits). */
    MALFORMED_RESPONSE("malformedResponse"),
    /**
     * HTTP: the server answered with {@code Connection: close}, ending a connection the generator
     * meant to keep (the response itself was verified and counted); the connection is reopened.
     */
    CONNECTION_CLOSE("connectionClose"),
    /** Chat lines a receiver never got by the end of the run. */
    MISSING("missing"),
    /** Open model: messages whose scheduled time fell while their connection was down and reconnecting. */
    UNSENT("unsent"),
    /** A bug or resource failure inside the generator itself, e.g. out of file descriptors. */
    INTERNAL("internal");

    private final String jsonName;

    ErrorKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** Name used in {@code --json} and the summary table. */
    public String jsonName() {
        return jsonName;
    }
}
