package io.vtnio.vt;

import io.vtnio.core.ReadPause;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * When a chat member stops reading, the blocking way: the bytes its outbox owes are counted here
 * and the member's reader, before each read, waits while they are at {@link ReadPause}'s pause
 * mark until the writer has brought them down to the resume mark. The selector server applies the
 * same marks by turning {@code OP_READ} off and on. Echo needs no such count: its blocking write
 * is the pause, with at most one read's replies owed.
 *
 * <p>Threading: {@link #owe} from broadcasters, {@link #paid} from the writer,
 * {@link #awaitRoomToRead} from the member's reader only; all may run at once.
 */
final class BackPressure {

    private final ReadPause marks;
    private final AtomicLong owedBytes = new AtomicLong();
    private volatile Thread waitingReader;

    BackPressure(ReadPause marks) {
        this.marks = marks;
    }

    /** {@code bytes} more are owed; returns the total now owed. */
    long owe(long bytes) {
        return owedBytes.addAndGet(bytes);
    }

    /** The socket took {@code bytes}; wakes the reader if it waits. */
    void paid(long bytes) {
        owedBytes.addAndGet(-bytes);
        Thread reader = waitingReader;
        if (reader != null) {
            LockSupport.unpark(reader);
        }
    }

    long owedBytes() {
        return owedBytes.get();
    }

    /**
     * Returns at once unless the pause mark is reached; then blocks until what is owed is back at
     * the resume mark or {@code gaveUp} says the member is gone.
     */
    void awaitRoomToRead(java.util.function.BooleanSupplier gaveUp) throws InterruptedException {
        if (!marks.paused(false, owedBytes.get(), 0)) {
            return;
        }
        while (marks.paused(true, owedBytes.get(), 0) && !gaveUp.getAsBoolean()) {
            waitingReader = Thread.currentThread();
            // Re-check after publishing ourselves: the writer reads waitingReader after it counts down.
            if (marks.paused(true, owedBytes.get(), 0) && !gaveUp.getAsBoolean()) {
                LockSupport.park(this);
            }
            waitingReader = null;
            if (Thread.interrupted()) {
                throw new InterruptedException("forced stop while waiting for the outbox to drain");
            }
        }
    }

    /** Wakes the reader if it waits, e.g. because the member is gone. */
    void wakeReader() {
        LockSupport.unpark(waitingReader);
    }
}
