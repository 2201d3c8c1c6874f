package io.vtnio.compare.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} reads the result files real runs wrote ({@code schema/*-2026-11.json}) and those
 * forms without the fields later versions added ({@code *-old-form.json}); see
 * {@code SchemaCompatibilityTest} for how each was made.
 */
class ResultFilesTest {

    private static Path resource(String name) throws URISyntaxException {
        // load's files are the generator's test resources (its test jar); summary.json's are compare's.
        String dir = name.startsWith("summary") ? "/io/vtnio/compare/report/summary/schema/" : "/io/vtnio/loadgen/result/schema/";
        return Path.of(ResultFilesTest.class.getResource(dir + name).toURI());
    }

    @Test
    void aLoadJsonIsOneResultNamedByModeAndModel() throws Exception {
        List<CheckedResult> results = ResultFiles.read(resource("load-2026-11.json"));

        assertEquals(List.of(new CheckedResult("echo/open", "nio", 1998.351, 3541, 0, 2000.0, List.of())), results);
    }

    @Test
    void aLoadJsonWithoutALabelIsOfServerDash() throws Exception {
        CheckedResult result = ResultFiles.read(resource("load-errors-2026-11.json")).getFirst();

        assertEquals("echo/closed/-", result.name());
        assertEquals(3, result.errors());
        assertNull(result.targetRatePerSec());
    }

    @Test
    void aLoadJsonOfTheSpecAloneReadsTheSame() throws Exception {
        assertEquals(ResultFiles.read(resource("load-2026-11.json")), ResultFiles.read(resource("load-old-form.json")));
    }

    @Test
    void aSummaryJsonIsOneResultPerScenarioAndServerWithItsRounds() throws Exception {
        List<CheckedResult> results = ResultFiles.read(resource("summary-2026-11.json"));

        assertEquals(List.of("echo-peak/vt", "echo-peak/nio", "echo-latency/vt", "echo-latency/nio"),
                results.stream().map(CheckedResult::name).toList());
        CheckedResult latency = results.get(3);
        assertEquals(11_922.304, latency.throughputPerSec());
        assertEquals(16_707, latency.p99Micros());
        assertEquals(12_000.0, latency.targetRatePerSec());
        assertEquals(List.of(new CheckedResult.Round(11_949.724, 7_623), new CheckedResult.Round(11_894.883, 25_791)),
                latency.rounds());
    }

    @Test
    void aSummaryJsonWithoutTheNewerFieldsReadsTheSame() throws Exception {
        assertEquals(ResultFiles.read(resource("summary-2026-11.json")),
                ResultFiles.read(resource("summary-old-form.json")));
    }

    @Test
    void aResultWithoutThroughputIsRefusedNotReadAsZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("no-throughput.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode summary = (ObjectNode) mapper.readTree(resource("summary-2026-11.json").toFile());
        ((ObjectNode) summary.get("results").get(0)).remove("throughputPerSec");
        mapper.writeValue(file.toFile(), summary);
        IOException e = assertThrows(IOException.class, () -> ResultFiles.read(file));
        assertTrue(e.getMessage().endsWith("lacks throughputPerSec or latencyMicros.p99"), e.getMessage());
    }

    @Test
    void aMeasuredRoundWithoutThroughputIsRefusedNotReadAsZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("round-without-throughput.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode summary = (ObjectNode) mapper.readTree(resource("summary-2026-11.json").toFile());
        ((ObjectNode) summary.get("results").get(0).get("rounds").get(0)).remove("throughputPerSec");
        mapper.writeValue(file.toFile(), summary);
        IOException e = assertThrows(IOException.class, () -> ResultFiles.read(file));
        assertTrue(e.getMessage().contains("a round of echo-peak/vt gave a result but lacks throughputPerSec"),
                e.getMessage());
    }
}
