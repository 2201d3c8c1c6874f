package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ReadPause;
import io.vtnio.core.ServerConfig;
import org.junit.jupiter.api.Test;

class BackPressureTest {

    private static final long ECHO_PAUSE = ReadPause.ECHO.pauseAtBytes();
    private static final long ECHO_RESUME = ReadPause.ECHO.resumeAtBytes();

    @Test
    void chatPausesAtHalfMaxOutboundAndResumesAtAQuarter() {
        BackPressure chat = new BackPressure(ServerConfig.parse("--mode", "chat", "--max-outbound", "1000"));

        assertFalse(chat.readPaused(false, 499, 0));
        assertTrue(chat.readPaused(false, 500, 0));
        assertTrue(chat.readPaused(true, 251, 0));
        assertFalse(chat.readPaused(true, 250, 0));
    }

    @Test
    void echoIgnoresMaxOutboundAndUsesTheEchoMarks() {
        BackPressure echo = new BackPressure(ServerConfig.parse("--mode", "echo", "--max-outbound", "1000"));

        assertFalse(echo.readPaused(false, 1000, 0), "chat marks would have paused at 500");
        assertFalse(echo.readPaused(false, ECHO_PAUSE - 1, 0));
        assertTrue(echo.readPaused(false, ECHO_PAUSE, 0));
        assertTrue(echo.readPaused(true, ECHO_RESUME + 1, 0));
        assertFalse(echo.readPaused(true, ECHO_RESUME, 0));
    }

    @Test
    void helloUsesTheEchoMarks() {
        BackPressure hello = new BackPressure(ServerConfig.parse("--mode", "hello", "--max-outbound", "1000"));

        assertFalse(hello.readPaused(false, 1000, 0));
        assertTrue(hello.readPaused(false, ECHO_PAUSE, 0));
    }

    @Test
    void aConnectionBetweenTheMarksKeepsItsState() {
        BackPressure chat = new BackPressure(ServerConfig.parse("--mode", "chat", "--max-outbound", "1000"));
        long between = 400;

        assertFalse(chat.readPaused(false, between, 0), "not yet paused: keeps reading");
        assertTrue(chat.readPaused(true, between, 0), "paused: stays paused");
    }

    @Test
    void messagesWaitingForWorkPauseReadingToo() {
        BackPressure echo = new BackPressure(ServerConfig.parse("--mode", "echo", "--work", "cpu:1"));
        int pauseAt = ReadPause.MAX_WAITING_MESSAGES;
        int resumeAt = ReadPause.MAX_WAITING_MESSAGES / 2;

        assertFalse(echo.readPaused(false, 0, pauseAt - 1));
        assertTrue(echo.readPaused(false, 0, pauseAt));
        assertTrue(echo.readPaused(true, 0, resumeAt + 1));
        assertFalse(echo.readPaused(true, 0, resumeAt));
    }
}
