package io.vtnio.compare.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vtnio.compare.launch.StatsLine;
import io.vtnio.compare.probe.ProcessSample;
import io.vtnio.compare.report.summary.OverloadFigures;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.loadgen.result.LatencyFigures;
import io.vtnio.loadgen.result.PhasesResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverloadAnalysisTest {

    private static final long FROM_MS = 1_000_000;

    @Test
    void growthIsReadOverTheOverloadPhaseAndTheServerSamplesAtEachSecondsEnd() {
        // 2 s held, 3 s beyond (backlog +1,000 a second, p99 +100 ms a second), 2 s held again.
        List<PhasesResult.Second> seconds = new ArrayList<>();
        long[] backlog = {0, 10, 1_010, 2_010, 3_010, 1_500, 0};
        long[] p99 = {2_000, 2_000, 100_000, 200_000, 300_000, 150_000, 3_000};
        for (int s = 0; s < 7; s++) {
            int phase = s < 2 ? 1 : s < 5 ? 2 : 3;
            seconds.add(new PhasesResult.Second(s, phase, phase == 2 ? 3_000 : 1_000, 1_000, 500, p99[s], p99[s], 0,
                    backlog[s], true));
        }
        PhasesResult phases = new PhasesResult(List.of(
                phase(1, 1_000, 2_000), phase(2, 3_000, 300_000), phase(3, 1_000, 150_000)), seconds, "p99=10ms", 1.0);
        List<ProcessSample> samples = new ArrayList<>();
        List<StatsLine> stats = new ArrayList<>();
        for (int s = 0; s <= 7; s++) {
            // Resident memory grows by 1 MiB a second in the overload; 40 threads at most.
            long rss = 100L << 20 + 0;
            rss += (Math.min(Math.max(s - 2, 0), 3)) * (1L << 20);
            samples.add(new ProcessSample(FROM_MS + s * 1000L - 10, rss, 20 + s, null));
            stats.add(new StatsLine(FROM_MS + s * 1000L - 5, snapshot(50_000_000L + s * 1_000_000L, s)));
        }
        OverloadFigures figures = OverloadAnalysis.of(phases, FROM_MS, samples, stats);
        assertEquals(300_000, figures.overloadP99Micros());
        assertEquals(100_000, figures.p99GrowthMicrosPerSec(), 1e-6, "the slope of 100, 200, 300 ms");
        assertEquals(1_000, figures.backlogGrowthPerSec(), 1e-6, "from 10 to 3,010 in 3 s");
        assertEquals(1.0, figures.recoverySeconds(), "the generator's figure");
        assertEquals(1 << 20, figures.rssGrowthBytesPerSec(), 1e-6);
        assertEquals(1_000_000, figures.heapGrowthBytesPerSec(), 1e-6);
        assertEquals((100L << 20) + (3L << 20), figures.peakRssBytes());
        assertEquals(27, figures.peakThreads(), "samples up to the window's end");
        assertEquals(7L, figures.refused(), "refusals counted between the window's edges");
        assertEquals(7, figures.perSecond().size());
        assertEquals(2_010, figures.perSecond().get(3).backlog());
    }

    @Test
    void aRunWithoutThreePhasesHasNoOverloadFigures() {
        assertNull(OverloadAnalysis.of(null, FROM_MS, List.of(), List.of()));
        PhasesResult one = new PhasesResult(List.of(phase(1, 1_000, 1_000)),
                List.of(new PhasesResult.Second(0, 1, 1_000, 1_000, 1, 1, 1, 0, 0, null)), null, null);
        assertNull(OverloadAnalysis.of(one, FROM_MS, List.of(), List.of()));
    }

    @Test
    void theSlopeIsLeastSquares() {
        assertEquals(2.0, OverloadAnalysis.slope(List.of(1.0, 3.0, 5.0)), 1e-9);
        assertEquals(0.0, OverloadAnalysis.slope(List.of(4.0, 4.0)), 1e-9);
        assertNull(OverloadAnalysis.slope(List.of(1.0)));
    }

    private static PhasesResult.Phase phase(int number, double rate, long p99) {
        return new PhasesResult.Phase(number, rate, 1, rate, 1_000, 0, new LatencyFigures(1, 1, p99, p99, p99, 1));
    }

    private static MetricsSnapshot snapshot(long heap, long refused) {
        return new MetricsSnapshot("stats", "test", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, heap, 10, refused, 0, 0, 0);
    }
}
