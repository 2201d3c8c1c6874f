package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ConnectionPolicy.Finish;
import io.vtnio.core.Protocol;
import org.junit.jupiter.api.Test;

/** The FINISHING sub-states of a selector connection, without a socket. */
class FinishingTest {

    private static final ConnectionPolicy POLICY = ConnectionPolicy.DEFAULT;

    @Test
    void anErrLineIsOwedUnqueuedUntilTakenOnceAndThenSealsTheConnection() {
        Finishing finishing = Finishing.becauseMalformed(null, Protocol.ERR_LINE_TOO_LONG);
        assertEquals(Protocol.ERR_LINE_TOO_LONG.length, finishing.unqueuedBytes());
        assertFalse(finishing.sealed(), "replies ahead of the ERR line may still go out");

        assertArrayEquals(Protocol.ERR_LINE_TOO_LONG, finishing.takeErrorLine());
        assertEquals(0, finishing.unqueuedBytes());
        assertNull(finishing.takeErrorLine(), "once");
        assertTrue(finishing.sealed());
        assertTrue(finishing.exit(POLICY, false, 0).lingers(), "it lingers after its ERR line");
    }

    @Test
    void theFirstReasonStays() {
        Finishing errorLine = Finishing.becauseMalformed(null, Protocol.ERR_LINE_TOO_LONG);
        assertSame(errorLine, Finishing.because(errorLine, Finish.STOP));
        assertEquals(Finish.ERROR_LINE, errorLine.why());
    }

    @Test
    void onlyAStopAsksWhetherTheConnectionIsIdle() {
        assertTrue(Finishing.because(null, Finish.STOP).asksIdle());
        assertFalse(Finishing.because(null, Finish.END_OF_STREAM).asksIdle());
        assertFalse(Finishing.becauseMalformed(null, Protocol.ERR_LINE_TOO_LONG).asksIdle());
        assertFalse(Finishing.because(null, Finish.GREETING).asksIdle());
        assertEquals(0, Finishing.because(null, Finish.STOP).unqueuedBytes(), "no ERR line owed");
    }

    @Test
    void aStopLingersWhileTheClientIsActiveAndClosesAnIdleOne() {
        long now = System.nanoTime();
        Finishing stop = Finishing.because(null, Finish.STOP);
        stop.stopDeadline(now + 5_000_000_000L);
        assertTrue(stop.exit(POLICY, false, now).lingers(), "active: it may still be sending");
        assertFalse(stop.exit(POLICY, true, now).lingers(), "idle: closed at once");
    }

    @Test
    void aHalfClosedClientIsClosedOnceAnswered() {
        Finishing endOfStream = Finishing.because(null, Finish.END_OF_STREAM);
        assertFalse(endOfStream.exit(POLICY, false, System.nanoTime()).lingers());
        assertFalse(endOfStream.sealed());
        assertTrue(Finishing.because(null, Finish.GREETING).sealed(), "nothing may follow the greeting");
    }

    @Test
    void anHttpCloseSendsWhatItOwesThenLingersAsAfterAnError() {
        Finishing close = Finishing.because(null, Finish.CLOSE_REQUESTED);
        assertFalse(close.sealed(), "the responses before it still go out");
        assertEquals(0, close.unqueuedBytes());
        assertTrue(close.exit(POLICY, false, 0).lingers(), "RFC 9112, 9.6: a lingering close");
        assertEquals(ConnectionPolicy.Ending.LINGER_AFTER_ERROR, close.exit(POLICY, false, 0).ending());
    }
}
