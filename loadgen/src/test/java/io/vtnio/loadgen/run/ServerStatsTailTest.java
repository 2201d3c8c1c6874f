package io.vtnio.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerStatsTailTest {

    @TempDir
    Path dir;

    private static String statsLine(long messagesIn) {
        ServerMetrics metrics = new ServerMetrics();
        metrics.messagesIn((int) messagesIn);
        return metrics.snapshot("stats", "vt").toJson();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void readsOnlyCompleteStatsLinesWrittenSinceItOpened() throws Exception {
        Path file = dir.resolve("server.out");
        String half = statsLine(3);
        Files.writeString(file, "listening 127.0.0.1:8001\n" + statsLine(1) + "\n" + half.substring(0, 20));
        try (ServerStatsTail tail = ServerStatsTail.open(file)) {
            assertTrue(tail.readNew().isEmpty(), "lines from before the run are skipped, a partial one is kept");

            append(file, half.substring(20) + "\nsome other output\n{\"not\":\"stats\"\n" + statsLine(4));
            List<MetricsSnapshot> lines = tail.readNew();
            assertEquals(1, lines.size(), "the completed line; the rest is not stats or not complete: " + lines);
            assertEquals(3, lines.getFirst().messagesIn());

            append(file, "\n");
            assertEquals(4, tail.readNew().getFirst().messagesIn(), "a line counts once its newline arrives");
            assertTrue(tail.readNew().isEmpty(), "nothing new, nothing returned");
        }
    }

    @Test
    void aTruncatedFileIsFollowedFromItsNewStart() throws Exception {
        Path file = dir.resolve("server.out");
        Files.writeString(file, statsLine(1) + "\n" + statsLine(2) + "\n");
        try (ServerStatsTail tail = ServerStatsTail.open(file)) {
            Files.writeString(file, statsLine(7) + "\n");
            assertEquals(7, tail.readNew().getFirst().messagesIn());
        }
    }
}
