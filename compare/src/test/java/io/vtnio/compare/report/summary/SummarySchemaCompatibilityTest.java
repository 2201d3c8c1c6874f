package io.vtnio.compare.report.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary.json} stays readable across versions. {@code schema/summary-2026-12.json} was
 * written by today's {@code vtnio compare --quick --scenario echo}: it reads into the records with
 * the right values and is written back byte for byte. {@code summary-2026-11.json}, by the same
 * command before rounds embedded every figure of their run, still reads with its values.
 * {@code summary-old-form.json} is that one without the fields later versions added
 * ({@code cpuPlan}, {@code scaling}, {@code noise}, {@code verdicts}, the contestants' CPU and
 * verification fields, the rounds' warm-up and GC log, and the process figures added after the
 * first ones): it still reads, the missing fields as null.
 */
class SummarySchemaCompatibilityTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SummarySchemaCompatibilityTest.class.getResource("schema/" + name).toURI());
    }

    @Test
    void aSummaryJsonOfTodayReadsWithItsValuesAndWritesBackByteForByte() throws Exception {
        Path file = resource("summary-2026-12.json");
        CompareSummary summary = SummaryFile.read(file);

        assertEquals(List.of("vt", "nio"), summary.contestants().stream().map(c -> c.name()).toList());
        assertEquals(4, summary.results().size());
        ResultEntry peak = summary.result("echo-peak", "vt");
        assertEquals(42_604, peak.figures().requests());
        assertEquals(42_496.911, peak.figures().throughputPerSec());
        assertEquals(6_207, peak.figures().latencyMicros().p99());
        assertEquals(0.947, peak.process().cpuSeconds());
        RoundResult peakRound = peak.rounds().getFirst();
        assertEquals("closed", peakRound.figures().model(), "a round holds every figure of its run");
        assertEquals(100, peakRound.figures().connections());
        assertEquals(42_604, peakRound.figures().requests());

        ResultEntry latency = summary.result("echo-latency", "nio");
        assertEquals(21_000.0, latency.figures().targetRatePerSec());
        assertEquals(List.of(3_501L, 3_309L),
                latency.rounds().stream().map(round -> round.figures().latencyMicros().p99()).toList());
        RoundResult second = latency.rounds().get(1);
        assertEquals("open", second.figures().model());
        assertEquals(21_000.0, second.figures().targetRatePerSec());
        assertEquals(2_401, second.figures().serviceTimeMicros().p99());
        assertEquals(Boolean.FALSE, second.steadyState());
        assertNotNull(second.check());

        Path written = dir.resolve("summary.json");
        SummaryFile.write(written, summary);
        assertEquals(Files.readString(file), Files.readString(written));
    }

    @Test
    void aSummaryJsonOfNovemberWhoseRoundsHeldFiveFiguresReadsWithItsValues() throws Exception {
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
                latency.rounds().stream().map(round -> round.figures().latencyMicros().p99()).toList());
        RoundResult second = latency.rounds().get(1);
        assertTrue(second.succeeded());
        assertEquals(11_894.883, second.figures().throughputPerSec());
        assertEquals(Boolean.FALSE, second.steadyState());
        assertNull(second.figures().model(), "rounds of then held requests, errors, time, throughput and latency");
        assertNull(second.figures().serviceTimeMicros());
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
}
