package io.vtnio.core;

/**
 * The life of one connection, the same in both servers: the virtual-thread server walks it in
 * straight-line code on the connection's own thread, the selector server keeps it in a field and
 * moves on each readiness event; the words and the rules are these.
 *
 * <pre>
 *   OPEN ──end of stream, a graceful stop, a hello greeting sent──▶ FINISHING ──owes nothing──▶ CLOSED
 *    │   reading paused at the {@link ReadPause} marks              ▲    │
 *    │                                                             │    │ an ERR line was owed and is sent,
 *    └──── line too long, or refused: an ERR line is owed ─────────┘    │ or a stop found it not idle
 *                                                                       ▼
 *                 LINGERING ──end of stream; after an ERR, quiet for a while; the deadline──▶ CLOSED
 *                     (output shut down: FIN after the last reply; input read and discarded)
 *
 *   any state ──I/O error, reset, slow consumer, drain timeout──▶ CLOSED
 * </pre>
 *
 * <p>"Owes nothing" means: no message waiting for its work or its reply, none of its own chat
 * lines still on their way back to it, no ERR line left to send, nothing the socket has not
 * taken. Why linger: closing while the client may still send makes the kernel answer its next
 * bytes with RST and throw away replies it has not transmitted yet; a client that is silent may
 * only be waiting for those replies. So a connection that owed an ERR line lingers for
 * {@link ConnectionPolicy#errorLinger}; a stopping connection closes at once only if it has been
 * {@linkplain ConnectionPolicy#isIdle idle} both ways (nothing read, nothing written), and
 * otherwise lingers until its client closes, turns idle, or the drain deadline comes. Which way out a
 * connection takes is {@link ConnectionPolicy#afterFinishing}'s decision, in both servers.
 *
 * <p>Of the ways into CLOSED from any state, a fault counts as an error; a client's reset
 * counts as one only when something was owed ({@link ConnectionEnd}).
 *
 * <p>A connection accepted beyond {@code --max-connections} never enters this life: it is a
 * refusal, told {@link Protocol#ERR_TOO_MANY_CONNECTIONS}, lingered and closed, and counted only
 * as refused.
 *
 * <p>Threading: an immutable enum.
 */
public enum ConnectionState {
    /** Reading, answering, writing. */
    OPEN,
    /** No more reading: sending what is still owed, then closing or lingering. */
    FINISHING,
    /** Output shut down after the last byte owed; input discarded until the client is done. */
    LINGERING,
    /** The socket is closed; counted once. */
    CLOSED
}
