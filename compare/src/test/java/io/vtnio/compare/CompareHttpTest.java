package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --protocol http}: the echo scenario's peak over HTTP/1.1, one round of the
 * selector server alone (the frameworks' jar is not on the test class path; a second contestant
 * only doubles the time): the server runs {@code --mode http}, the generator {@code --mode http},
 * every response is counted as one, and none is an error.
 */
class CompareHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void theEchoPeakRunsOverHttpOnServerAndGenerator() throws Exception {
        CompareCommandTest.Run run = CompareCommandTest.compare("--protocol", "http", "--servers", "nio",
                "--scenario", "echo", "--rounds", "1", "--duration", "300ms", "--warmup", "300ms",
                "--out", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("HTTP plaintext, peak throughput"), run::toString);
        assertTrue(run.out().contains("responses/s"), run::toString);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        JsonNode peak = null;
        for (JsonNode result : summary.get("results")) {
            if (result.get("scenario").asText().equals("echo-peak")) {
                peak = result;
            }
        }
        assertTrue(peak != null, summary::toString);
        JsonNode round = peak.get("rounds").get(0);
        assertEquals("http", round.get("mode").asText(), round::toString);
        assertTrue(round.get("throughputPerSec").asDouble() > 100, round::toString);
        assertEquals(0, round.get("errors").asLong(), round::toString);
        assertTrue(summary.toString().contains("--mode http"), "the scenario's server flags: " + summary);
    }
}
