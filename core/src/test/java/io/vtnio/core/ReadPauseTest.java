package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadPauseTest {

    private static final ReadPause MARKS = new ReadPause(100, 40, 10, 5);

    @Test
    void resumeMarksMayBeZeroButNotNegativeNorAtThePauseMark() {
        ReadPause zero = new ReadPause(2, 0, 2, 0);
        assertTrue(zero.paused(true, 1, 1), "paused until nothing is owed");
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(2, -1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(2, 0, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(2, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(2, 0, 2, 2));
    }

    @Test
    void readingPausesAtThePauseMarkNotBelowIt() {
        assertFalse(MARKS.paused(false, 99, 0));
        assertTrue(MARKS.paused(false, 100, 0));
        assertFalse(MARKS.paused(false, 0, 9));
        assertTrue(MARKS.paused(false, 0, 10));
    }

    @Test
    void aPausedConnectionStaysPausedBetweenTheMarks() {
        // Hysteresis: the same owed amount reads as paused or not depending on where it came from.
        assertFalse(MARKS.paused(false, 70, 7));
        assertTrue(MARKS.paused(true, 70, 0));
        assertTrue(MARKS.paused(true, 41, 0));
        assertTrue(MARKS.paused(true, 0, 7));
        assertTrue(MARKS.paused(true, 0, 6));
    }

    @Test
    void readingResumesOnlyOnceBothAreAtTheirResumeMarks() {
        assertFalse(MARKS.paused(true, 40, 5));
        assertFalse(MARKS.paused(true, 0, 0));
        assertTrue(MARKS.paused(true, 40, 6));
        assertTrue(MARKS.paused(true, 41, 5));
    }

    @Test
    void echoPausesAtAQuarterMebibyteAndResumesAtSixtyFourKibibytes() {
        assertEquals(256 * 1024, ReadPause.ECHO.pauseAtBytes());
        assertEquals(64 * 1024, ReadPause.ECHO.resumeAtBytes());
        assertEquals(ReadPause.MAX_WAITING_MESSAGES, ReadPause.ECHO.pauseAtMessages());
        assertEquals(ReadPause.MAX_WAITING_MESSAGES / 2, ReadPause.ECHO.resumeAtMessages());
    }

    @Test
    void chatPausesAtHalfTheOutboundLimitAndResumesAtAQuarter() {
        ReadPause chat = ReadPause.forChat(1000);
        assertEquals(500, chat.pauseAtBytes());
        assertEquals(250, chat.resumeAtBytes());
        assertFalse(chat.paused(false, 499, 0));
        assertTrue(chat.paused(false, 500, 0));
        assertTrue(chat.paused(true, 251, 0));
        assertFalse(chat.paused(true, 250, 0));
        assertEquals(ReadPause.MAX_WAITING_MESSAGES, chat.pauseAtMessages());
        assertEquals(ReadPause.MAX_WAITING_MESSAGES / 2, chat.resumeAtMessages());
    }

    @Test
    void chatMarksStayValidForTheSmallestOutboundLimit() {
        for (long maxOutbound = 1; maxOutbound <= 8; maxOutbound++) {
            ReadPause chat = ReadPause.forChat(maxOutbound);
            assertTrue(chat.resumeAtBytes() < chat.pauseAtBytes(), "max outbound " + maxOutbound);
            assertTrue(chat.pauseAtBytes() <= Math.max(2, maxOutbound), "max outbound " + maxOutbound);
        }
    }

    @Test
    void constructorRejectsResumeMarksAtOrAbovePauseMarks() {
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(100, 100, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(100, 101, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(100, 40, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(100, 40, 10, 11));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(100, -1, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> new ReadPause(100, 40, 10, -1));
    }
}
