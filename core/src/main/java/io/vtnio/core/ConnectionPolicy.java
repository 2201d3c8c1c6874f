package io.vtnio.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The decisions about a connection's life, taken here once for every server so that a comparison
 * measures concurrency models and not different rules. Each server keeps only what its model
 * changes: the blocking server acts on a decision with blocking calls on the connection's thread,
 * the selector server with interest ops and timers on its loop. The words are
 * {@link ConnectionState}'s.
 *
 * <table>
 *   <caption>Decisions, and who asks</caption>
 *   <tr><th>question</th><th>answer</th><th>vt / pt</th><th>nio</th></tr>
 *   <tr><td>is it idle?</td><td>nothing read and nothing handed to the kernel for {@link #idle}
 *       ({@link #isIdle})</td><td>{@code Connection.isIdleInStop}</td><td>{@code Connection}</td></tr>
 *   <tr><td>FINISHING and owing nothing: close or linger, and how long?</td><td>{@link #afterFinishing}:
 *       after an ERR line, linger {@link #errorLinger}; in a stop, close if idle or the client
 *       half-closed, else linger until the client closes, is idle, or the stop's deadline;
 *       otherwise close</td><td>{@code Echo}, {@code ChatMember}</td><td>{@code Connection}</td></tr>
 *   <tr><td>a refusal's ERR line sent: how long to linger?</td><td>{@link #lingerAfterError}, as after
 *       any ERR line</td><td>{@code Refusal}</td><td>{@code Refusal}</td></tr>
 *   <tr><td>an exception ended it: an error?</td><td>{@link ConnectionEnd#afterFailure}: a
 *       reset when nothing was owed is a close, anything else a fault</td><td>{@code Connection}</td>
 *       <td>{@code Connection}</td></tr>
 *   <tr><td>when does a reply count as sent?</td><td>once the kernel took its last byte
 *       ({@link ServerMetrics#messagesOut}); an ERR line is no reply, it counts as an error</td>
 *       <td>{@code OutputBatch}, {@code ChatOutbox}, {@code Hello}</td><td>{@code OutboundQueue}</td></tr>
 *   <tr><td>stalled partway through an HTTP request?</td><td>{@link #isStalled}: nothing read
 *       for {@link #requestStall}; answered with 408 and a close, as after an ERR line</td>
 *       <td>{@code Echo} (a read timeout)</td><td>{@code Connection} (a loop timer)</td></tr>
 *   <tr><td>accept failed?</td><td>{@link #afterAcceptFailure}: count it, back off, accept
 *       again, whatever the failure; the listening socket is closed only by a stop</td><td>{@code Acceptor}</td>
 *       <td>{@code Acceptor}</td></tr>
 *   <tr><td>accepted, then setting the socket up failed?</td><td>{@link #afterSetupFailure}: an
 *       accepted connection, closed, and an error</td><td>{@code LiveConnections}</td><td>{@code Acceptor},
 *       {@code EventLoop}</td></tr>
 *   <tr><td>how long a chat writer may finish its write when its connection fails?</td>
 *       <td>{@link #writerSettle}</td><td>{@code ChatMember}</td><td>(writes on the loop: none)</td></tr>
 *   <tr><td>after a stop's deadline closed what was left, how long to wait for threads or loops
 *       to end?</td><td>{@link #forcedStopWait}</td><td>{@code GracefulStop}</td><td>{@code GracefulStop}</td></tr>
 * </table>
 *
 * <p>Why a stopping connection lingers until it is idle and not, as it once did, until a quiet
 * second: the server shuts its output after the last reply owed, so a client that reads everything
 * sees end of stream and closes. A client that stalled for a second and then wrote again would,
 * had the server closed meanwhile, be answered with a reset, and its next write would fail before
 * it read its replies: a reply the protocol owes, lost to a slow client. The idle period (2 s, the
 * same that lets a stop close an idle connection at once) is the one quiet period of both servers,
 * and the stop's deadline ({@code --drain-timeout}) still bounds the wait. A client that neither
 * reads nor sends for longer than the idle period is taken to be gone.
 *
 * <p>The timings are injectable so that tests of them take milliseconds: {@link ServerConfig#withPolicy}.
 *
 * <p>Threading: immutable; every method is pure.
 *
 * @param errorLinger    how long a connection that sent an ERR line keeps discarding input, so
 *                       the client reads the line rather than a reset (also a refusal's)
 * @param idle           nothing read or written for this long makes a connection idle: a stop
 *                       closes it at once
 * @param writerSettle   how long a failed connection waits for a writer of its own (a chat
 *                       member's) to finish the write in hand before counting what is unwritten as owed
 * @param forcedStopWait after a stop's deadline closed what was left, how long the stop waits for
 *                       connection threads or event loops to end
 * @param requestStall   how long a connection holding part of an HTTP request may read nothing
 *                       before it is cut off with 408 ({@link MessageDecoder#stallRefusal}); Go's
 *                       servers are usually given 5-10 s of {@code ReadHeaderTimeout}, nginx 60 s of
 *                       {@code client_header_timeout}. The line protocol lets a partial line wait.
 */
public record ConnectionPolicy(Duration errorLinger, Duration idle, Duration writerSettle, Duration forcedStopWait,
                               Duration requestStall) {

    /** The policy every server runs with unless a test injects another. */
    public static final ConnectionPolicy DEFAULT = new ConnectionPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    public ConnectionPolicy {
        for (Duration timing : new Duration[] {errorLinger, idle, writerSettle, forcedStopWait, requestStall}) {
            Objects.requireNonNull(timing);
            if (timing.isNegative()) {
                throw new IllegalArgumentException("a connection policy's timings must not be negative: " + timing);
            }
        }
    }

    /**
     * How long a connection may now read nothing before it {@linkplain #isStalled is stalled}:
     * {@link #requestStall} while {@code decoder} holds part of a message its protocol does not let
     * wait ({@link MessageDecoder#cutsOffStalls}); 0, no limit, otherwise. The blocking servers make
     * it a read timeout, the selector server a loop timer.
     */
    public long stallLimitNanos(MessageDecoder decoder) {
        return decoder.pendingBytes() > 0 && decoder.cutsOffStalls() ? requestStall.toNanos() : 0;
    }

    /**
     * Whether a connection is cut off for stalling partway through a message: it has a
     * {@linkplain #stallLimitNanos stall limit} and read nothing for that long.
     */
    public boolean isStalled(MessageDecoder decoder, long nowNanos, long lastReadNanos) {
        long limitNanos = stallLimitNanos(decoder);
        return limitNanos > 0 && nowNanos - lastReadNanos >= limitNanos;
    }

    /** Why a connection stopped reading and finishes. */
    public enum Finish {
        /** The client half-closed (end of stream): nothing more can arrive. */
        END_OF_STREAM,
        /** An ERR line is owed (line too long): it goes out last, once nothing else is owed. */
        ERROR_LINE,
        /** A graceful stop of the server. */
        STOP,
        /** Hello mode's greeting was its one reply. */
        GREETING,
        /**
         * The client's last message asked for the end (HTTP's {@code Connection: close}): its
         * reply goes out, then the connection lingers as after an ERR line, so a client still
         * sending reads its response rather than a reset (RFC 9112, 9.6).
         */
        CLOSE_REQUESTED
    }

    /** What a FINISHING connection that owes nothing more does next. */
    public enum Ending {
        /** Close now: nothing more can arrive, or nothing is waiting to be read. */
        CLOSE,
        /** Shut output, discard input until the client closes, is quiet for {@link #errorLinger} or that long passed. */
        LINGER_AFTER_ERROR,
        /**
         * Shut output, discard input until the client closes, has sent nothing for {@link #idle}
         * (it is idle both ways then: nothing more is written after the FIN), or the stop's deadline.
         */
        LINGER_WHILE_ACTIVE
    }

    /** The way out of a FINISHING connection owing nothing: a decision and its linger. */
    public record Exit(Ending ending, long deadlineNanos, long quietNanos) {

        /** Whether the connection lingers (then {@link #deadlineNanos} and {@link #quietNanos} apply). */
        public boolean lingers() {
            return ending != Ending.CLOSE;
        }
    }

    /**
     * Idle: nothing read and nothing handed to the kernel for {@link #idle}. Times are
     * {@link System#nanoTime} readings.
     */
    public boolean isIdle(long nowNanos, long lastReadNanos, long lastWriteNanos) {
        long idleNanos = idle.toNanos();
        return nowNanos - lastReadNanos >= idleNanos && nowNanos - lastWriteNanos >= idleNanos;
    }

    /**
     * What a FINISHING connection that owes nothing more does.
     *
     * @param finish           why it finishes
     * @param inputEnded       whether the client half-closed, so nothing more can arrive
     * @param idle             whether it is {@linkplain #isIdle idle} now (asked only in a stop)
     * @param nowNanos         now, in {@link System#nanoTime} time
     * @param stopDeadlineNanos the stop's deadline when {@code finish} is {@link Finish#STOP}
     */
    public Exit afterFinishing(Finish finish, boolean inputEnded, boolean idle, long nowNanos,
                               long stopDeadlineNanos) {
        return switch (finish) {
            case ERROR_LINE, CLOSE_REQUESTED -> lingerAfterError(nowNanos);
            case STOP -> inputEnded || idle ? closeNow()
                    : new Exit(Ending.LINGER_WHILE_ACTIVE, stopDeadlineNanos, this.idle.toNanos());
            case END_OF_STREAM, GREETING -> closeNow();
        };
    }

    /**
     * The linger after an ERR line, from {@code nowNanos}: what {@link #afterFinishing} decides for
     * {@link Finish#ERROR_LINE}, and what a refusal beyond {@code --max-connections} does after its
     * line.
     */
    public Exit lingerAfterError(long nowNanos) {
        return new Exit(Ending.LINGER_AFTER_ERROR, nowNanos + errorLinger.toNanos(), errorLinger.toNanos());
    }

    /**
     * What a failed accept does, whatever failed (an I/O error such as running out of descriptors,
     * or anything unexpected): it is counted ({@link ServerMetrics#acceptFailed}), and the acceptor
     * pauses for the returned milliseconds, then accepts again. Only a stop closes the port.
     *
     * @param backoff the acceptor's own backoff, which doubles the pause while failures repeat
     */
    public long afterAcceptFailure(ServerMetrics metrics, AcceptBackoff backoff) {
        metrics.acceptFailed();
        return backoff.failed();
    }

    /**
     * What a connection accepted and then failing its setup (socket options, registration) is
     * counted as: accepted, an error, closed; so "accepted = closed + open" holds for every
     * connection the kernel handed over.
     */
    public void afterSetupFailure(ServerMetrics metrics) {
        metrics.connectionAccepted();
        metrics.error();
        metrics.connectionClosed();
    }

    private static Exit closeNow() {
        return new Exit(Ending.CLOSE, 0, 0);
    }
}
