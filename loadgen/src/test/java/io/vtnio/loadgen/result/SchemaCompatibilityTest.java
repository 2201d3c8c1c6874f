package io.vtnio.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --json} files stay readable across versions. {@code schema/load-*2026-11.json} were
 * written by real runs ({@code vtnio load --rate 2000 --label nio} against {@code vtnio server
 * nio}; the same against a closed port, for error counts and messages): each reads into the
 * records with the right values and is written back byte for byte. {@code load-old-form.json} is
 * one with the fields that later versions added taken out (docs/load.md#json-summary alone): it
 * still reads, the missing fields as null. compare's {@code summary.json} has its own such test,
 * {@code SummarySchemaCompatibilityTest} in the compare module.
 */
class SchemaCompatibilityTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SchemaCompatibilityTest.class.getResource("schema/" + name).toURI());
    }

    @Test
    void aLoadJsonOfTodayReadsWithItsValuesAndWritesBackByteForByte() throws Exception {
        Path file = resource("load-2026-11.json");
        LoadSummary summary = LoadSummary.read(file);

        assertEquals("vtnio", summary.figures().tool());
        assertEquals("echo", summary.figures().mode());
        assertEquals("open", summary.figures().model());
        assertEquals("nio", summary.figures().server());
        assertEquals(20, summary.figures().connections());
        assertEquals(3.0, summary.figures().durationSeconds());
        assertEquals(5995, summary.figures().requests());
        assertEquals(0, summary.figures().errors());
        assertEquals(1998.351, summary.figures().throughputPerSec());
        assertEquals(2000.0, summary.figures().targetRatePerSec());
        assertEquals(3541, summary.figures().latencyMicros().p99());
        assertEquals(258.062, summary.figures().latencyMicros().mean());
        assertEquals(1905, summary.figures().serviceTimeMicros().p99());
        assertEquals(Map.of(), summary.errorsByKind());
        assertEquals(1, summary.processes());
        assertEquals(1.0, summary.warmupSeconds());
        assertNull(summary.steadyState());
        assertNull(summary.errorMessages());

        assertWritesBack(file, summary);
    }

    @Test
    void aLoadJsonWithErrorsKeepsItsCountsAndMessages() throws Exception {
        Path file = resource("load-errors-2026-11.json");
        LoadSummary summary = LoadSummary.read(file);

        assertEquals(3, summary.figures().errors());
        assertNull(summary.figures().server());
        assertNull(summary.figures().targetRatePerSec());
        assertEquals(Map.of("connect", 3L), summary.errorsByKind());
        assertEquals(3, summary.errorMessages().get("connect").size());
        assertTrue(summary.errorMessages().get("connect").getFirst().contains("Connection refused"));

        assertWritesBack(file, summary);
    }

    @Test
    void aLoadJsonOfTheSpecAloneStillReads() throws Exception {
        LoadSummary summary = LoadSummary.read(resource("load-old-form.json"));

        assertEquals(5995, summary.figures().requests());
        assertEquals(1998.351, summary.figures().throughputPerSec());
        assertEquals(3541, summary.figures().latencyMicros().p99());
        assertNull(summary.errorsByKind());
        assertNull(summary.warmupSeconds());
        assertNull(summary.errorMessages());
    }

    private void assertWritesBack(Path file, LoadSummary summary) throws Exception {
        Path written = dir.resolve("written.json");
        SummaryJson.write(written, summary);
        assertEquals(Files.readString(file), Files.readString(written));
        assertEquals(summary, SummaryJson.fromJson(SummaryJson.toLine(summary)), "the one-line form of interval logs");
    }
}
