package io.vtnio.core;

/**
 * When a connection stops reading because it owes too much, and when it reads again. What it
 * owes: reply bytes the socket has not taken (its outbound queue, or in chat its own outbox)
 * plus messages read and still waiting for their {@code --work}. Reading pauses once either
 * reaches its pause mark and resumes once both are back at their resume marks; the gap between
 * the two keeps a connection near the mark from flapping.
 *
 * <p>One set of marks for both servers, in their models' ways: the selector server turns
 * {@code OP_READ} off and on; the virtual-thread server's reader simply does not call read (in
 * echo its blocking write already stops it, with at most one read's replies owed).
 *
 * <pre>{@code
 * ReadPause marks = ReadPause.forChat(config.maxOutboundBytes());
 * paused = marks.paused(paused, outboxBytes, 0);
 * }</pre>
 *
 * @param pauseAtBytes      owed bytes at which reading pauses
 * @param resumeAtBytes     owed bytes at or below which a paused connection reads again
 * @param pauseAtMessages   messages waiting for work at which reading pauses
 * @param resumeAtMessages  waiting messages at or below which reading resumes
 *
 * <p>Threading: immutable.
 */
public record ReadPause(long pauseAtBytes, long resumeAtBytes, int pauseAtMessages, int resumeAtMessages) {

    /** Messages waiting for work at which reading pauses; half of it resumes. */
    public static final int MAX_WAITING_MESSAGES = 1024;

    /** Echo: replies and work owed to a client that sends faster than it reads. */
    public static final ReadPause ECHO = new ReadPause(256 * 1024, 64 * 1024, MAX_WAITING_MESSAGES,
            MAX_WAITING_MESSAGES / 2);

    public ReadPause {
        if (resumeAtBytes < 0 || resumeAtBytes >= pauseAtBytes || resumeAtMessages < 0
                || resumeAtMessages >= pauseAtMessages) {
            throw new IllegalArgumentException("resume marks must be below the pause marks: " + resumeAtBytes + "/"
                    + pauseAtBytes + " bytes, " + resumeAtMessages + "/" + pauseAtMessages + " messages");
        }
    }

    /**
     * Chat: a member's own outbox. Reading pauses at half of {@code --max-outbound}, where the
     * member would be dropped as a slow consumer, leaving room for other members' lines to keep
     * arriving while it is paused; it resumes at a quarter.
     */
    public static ReadPause forChat(long maxOutboundBytes) {
        long pauseAt = Math.max(2, maxOutboundBytes / 2);
        return new ReadPause(pauseAt, pauseAt / 2, MAX_WAITING_MESSAGES, MAX_WAITING_MESSAGES / 2);
    }

    /** Whether reading is paused now, given whether it was and what is owed. */
    public boolean paused(boolean wasPaused, long owedBytes, int waitingMessages) {
        if (wasPaused) {
            return owedBytes > resumeAtBytes || waitingMessages > resumeAtMessages;
        }
        return owedBytes >= pauseAtBytes || waitingMessages >= pauseAtMessages;
    }
}
