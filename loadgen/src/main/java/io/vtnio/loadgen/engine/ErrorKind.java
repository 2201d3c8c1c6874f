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
    /** A reply was wrong: content, order, gap, length or greeting. */
    WRONG_REPLY("wrongReply"),
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
