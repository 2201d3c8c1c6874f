package io.vtnio.vt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.conformance.Eventually;
import io.vtnio.core.ReadPause;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader's wait, observed without timing: the reader thread's state says whether it is parked,
 * and the {@code gaveUp} check it calls on every pass says that it woke and looked again.
 */
@Timeout(30)
class BackPressureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ReadPause MARKS = new ReadPause(100, 50, 10, 5);

    private final BackPressure owed = new BackPressure(MARKS);
    private final AtomicBoolean gaveUp = new AtomicBoolean();
    /** Calls of the gaveUp check: two per pass through the wait (loop test and re-check before parking). */
    private final AtomicInteger checks = new AtomicInteger();
    private final CountDownLatch returned = new CountDownLatch(1);
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private Thread reader;

    private void startReader() {
        reader = Thread.ofPlatform().name("test-reader").start(() -> {
            try {
                owed.awaitRoomToRead(() -> {
                    checks.incrementAndGet();
                    return gaveUp.get();
                });
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                returned.countDown();
            }
        });
    }

    /** Waits until the reader has passed {@code checksAtLeast} gaveUp checks and is parked. */
    private void awaitParked(int checksAtLeast) throws InterruptedException {
        Eventually.await("the reader parks", PATIENCE,
                () -> checks.get() >= checksAtLeast && reader.getState() == Thread.State.WAITING,
                () -> "checks " + checks.get() + ", state " + reader.getState() + ", returned " + returned.getCount());
    }

    private void assertReturned() throws InterruptedException {
        assertTrue(returned.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the reader returned");
    }

    @AfterEach
    void stopReader() throws InterruptedException {
        if (reader != null) {
            reader.interrupt();
            reader.join();
        }
    }

    @Test
    void oweAndPaidKeepTheTotal() {
        assertEquals(30, owed.owe(30));
        assertEquals(100, owed.owe(70));
        owed.paid(60);
        assertEquals(40, owed.owedBytes());
        owed.paid(40);
        assertEquals(0, owed.owedBytes());
    }

    @Test
    void belowThePauseMarkTheReaderGoesOnAtOnce() throws InterruptedException {
        owed.owe(99);

        owed.awaitRoomToRead(() -> {
            throw new AssertionError("no wait, so nothing to give up");
        });
    }

    @Test
    void atThePauseMarkTheReaderWaitsUntilTheResumeMark() throws InterruptedException {
        owed.owe(100);
        startReader();
        awaitParked(2);

        // 60 owed: below the pause mark but above the resume mark, so the wait goes on.
        owed.paid(40);
        awaitParked(4);
        assertEquals(1, returned.getCount(), "still waiting between the marks");

        owed.paid(10);
        assertReturned();
        assertNull(thrown.get());
    }

    @Test
    void theWaitEndsWhenTheMemberIsGone() throws InterruptedException {
        owed.owe(500);
        startReader();
        awaitParked(2);

        gaveUp.set(true);
        owed.wakeReader();

        assertReturned();
        assertNull(thrown.get());
        assertEquals(500, owed.owedBytes(), "giving up pays nothing");
    }

    @Test
    void aReaderThatHasGivenUpDoesNotWaitAtAll() throws InterruptedException {
        owed.owe(500);
        gaveUp.set(true);

        owed.awaitRoomToRead(gaveUp::get);
    }

    @Test
    void anInterruptedWaitThrows() throws InterruptedException {
        owed.owe(100);
        startReader();
        awaitParked(2);

        reader.interrupt();

        assertReturned();
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    void wakingAReaderThatIsNotWaitingIsHarmless() {
        owed.wakeReader();
        owed.paid(0);
        assertEquals(0, owed.owedBytes());
    }
}
