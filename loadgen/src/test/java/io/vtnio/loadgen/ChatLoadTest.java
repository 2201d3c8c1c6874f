package io.vtnio.loadgen;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void openModelDeliversEveryPublishedLineToEveryReceiverInOrder() throws Exception {
        Path json = dir.resolve("chat.json");
        try (TestServer server = TestServer.chat()) {
            CommandRun.load(server, "--mode", "chat", "--connections", "6", "--publishers", "2", "--rate", "200",
                    "--duration", "2s", "--json", json.toString()).assertExit(0);
            long lines = server.publisherLines();
            JsonNode summary = JSON.readTree(json.toFile());
            assertEquals("chat", summary.get("mode").asText());
            assertEquals("open", summary.get("model").asText());
            assertEquals(0, summary.get("errors").asLong());
            assertEquals(lines * 6, summary.get("requests").asLong(), "every line reached all 6 connections");
            assertTrue(lines > 300 && lines < 500, "about 200 lines a second for 2 s, got " + lines);
        }
    }

    @Test
    void closedModelPublishersSendTheNextLineWhenTheirOwnComesBack() throws Exception {
        Path json = dir.resolve("chat-closed.json");
        try (TestServer server = TestServer.chat()) {
            CommandRun.load(server, "--mode", "chat", "--connections", "4", "--publishers", "4", "--pipeline", "2",
                    "--duration", "1s", "--payload", "100", "--json", json.toString()).assertExit(0);
            assertEquals(server.publisherLines() * 4, JSON.readTree(json.toFile()).get("requests").asLong());
        }
    }

    @Test
    void aLineTheServerLeavesOutIsAGapAndAnError() throws Exception {
        try (TestServer server = TestServer.chat().droppingChatLine(20)) {
            CommandRun run = CommandRun.load(server, "--mode", "chat", "--connections", "3", "--publishers", "1",
                    "--rate", "100", "--duration", "1s").assertExit(1);
            assertTrue(run.err().contains("(a gap)"), run::toString);
        }
    }
}
