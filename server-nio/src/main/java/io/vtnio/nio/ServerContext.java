package io.vtnio.nio;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.EchoReply;
import io.vtnio.core.Mode;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import io.vtnio.core.Work;

/**
 * What every loop and connection of one server shares: the configuration in the forms the hot
 * path wants, the counters, the rules, the worker pool and the chat room.
 *
 * @param config          the validated server configuration
 * @param metrics         the server's counters
 * @param connectionLimit {@code --max-connections}; each admitted connection releases its place as it closes
 * @param backPressure    when reading pauses and resumes
 * @param echoReply       builds echo replies without allocating
 * @param greetingLine    hello mode's greeting plus newline; never written into
 * @param work            per-message work; {@link Work#isNone()} means replies come from the loop at once
 * @param workers         runs {@code work} off the loops
 * @param chatRoom        the one global order of chat lines; used in chat mode only
 *
 * <p>Threading: immutable; its parts say their own rules.
 */
record ServerContext(
        ServerConfig config,
        ServerMetrics metrics,
        ConnectionLimit connectionLimit,
        BackPressure backPressure,
        EchoReply echoReply,
        byte[] greetingLine,
        Work work,
        WorkerPool workers,
        ChatRoom chatRoom) {

    /** The decisions about every connection's life, and their timings. */
    ConnectionPolicy policy() {
        return config.policy();
    }

    Mode mode() {
        return config.mode();
    }

    boolean hasWork() {
        return !work.isNone();
    }
}
