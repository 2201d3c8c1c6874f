package io.vtnio.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.report.summary.CompareSummary;
import io.vtnio.loadgen.report.summary.ResultEntry;
import io.vtnio.loadgen.report.summary.RoundResult;
import io.vtnio.loadgen.report.summary.SummaryFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result files stay readable across versions. {@code schema/*-2026-11.json} were written by
 * real runs before the summary became one record ({@code vtnio compare --quick --scenario echo};
 * {@code vtnio load --rate 2000 --label nio} against {@code vtnio server nio}; the same against a
 * closed port, for error counts and messages): each reads into the records with the right values
 * and is written back byte for byte. The {@code *-old-form.json} files are those with the fields
 * that later versions added taken out (a {@code load --json} of docs/load.md#json-summary alone; a
 * {@code summary.json} without {@code cpuPlan}, {@code scaling}, {@code noise}, {@code verdicts},
 * the contestants' CPU and verification fields, the rounds' warm-up and GC log, and the process
 * figures added after the first ones): they still read, the missing fields as null.
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

    @Test
    void aSummaryJsonOfTodayReadsWithItsValuesAndWritesBackByteForByte() throws Exception {
        Path file = resource("summary-2026-11.json");
        CompareSummary summary = SummaryFile.read(file);

        assertEquals(CompareSummary.KIND, summary.kind());
        assertEquals(List.of("vt", "nio"), summary.contestants().stream().map(c -> c.name()).toList());
        assertNotNull(summary.contestants().getFirst().verification());
        assertNotNull(summary.cpuPlan());
        assertNull(summary.scaling());
        assertEquals(4, summary.results().size());

        ResultEntry peak = summary.result("echo-peak", "vt");
        assertEquals("vtnio", peak.figures().tool());
        assertEquals("echo", peak.figures().mode());
        assertEquals("closed", peak.figures().model());
        assertEquals(100, peak.figures().connections());
        assertEquals(25_680, peak.figures().requests());
        assertEquals(25_548.234, peak.figures().throughputPerSec());
        assertNull(peak.figures().targetRatePerSec());
        assertEquals(33_471, peak.figures().latencyMicros().p99());
        assertEquals(0.435, peak.process().cpuSeconds());
        assertEquals(67.4, peak.process().allocatedBytesPerRequest());

        ResultEntry latency = summary.result("echo-latency", "nio");
        assertEquals(12_000.0, latency.figures().targetRatePerSec());
        assertEquals(16_707, latency.figures().latencyMicros().p99());
        assertEquals(List.of(7_623L, 25_791L),
                latency.rounds().stream().map(round -> round.latencyMicros().p99()).toList());
        RoundResult second = latency.rounds().get(1);
        assertTrue(second.succeeded());
        assertEquals(11_894.883, second.throughputPerSec());
        assertEquals(Boolean.FALSE, second.steadyState());

        Path written = dir.resolve("summary.json");
        SummaryFile.write(written, summary);
        assertEquals(Files.readString(file), Files.readString(written));
    }

    @Test
    void aSummaryJsonWithoutTheNewerFieldsStillReads() throws Exception {
        CompareSummary summary = SummaryFile.read(resource("summary-old-form.json"));

        assertNull(summary.cpuPlan());
        assertNull(summary.scaling());
        assertNull(summary.noise());
        assertEquals(List.of(), summary.verdicts());
        assertNull(summary.contestants().getFirst().verification());
        ResultEntry peak = summary.result("echo-peak", "nio");
        assertEquals(24_497.276, peak.figures().throughputPerSec());
        assertEquals(68_671, peak.figures().latencyMicros().p99());
        assertEquals(0.298, peak.process().cpuSeconds());
        assertNull(peak.process().allocatedBytesPerRequest());
        assertNull(peak.process().voluntarySwitchesPerRequest());
        RoundResult round = peak.rounds().getFirst();
        assertNull(round.warmupSeconds());
        assertNull(round.steadyState());
        assertFalse(peak.rounds().isEmpty());
    }

    private void assertWritesBack(Path file, LoadSummary summary) throws Exception {
        Path written = dir.resolve("written.json");
        SummaryJson.write(written, summary);
        assertEquals(Files.readString(file), Files.readString(written));
        assertEquals(summary, SummaryJson.fromJson(SummaryJson.toLine(summary)), "the one-line form of interval logs");
    }
}
