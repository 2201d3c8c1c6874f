package io.vtnio.loadgen.engine;

import io.vtnio.loadgen.result.HistogramRange;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The reporter's side of the recorders: once a tick it swaps every loop's interval histograms
 * out (recycling the previous ones, so a tick allocates nothing), sums them into one interval,
 * and on request adds that interval into the run's totals.
 *
 * <p>Threading: reporter thread only.
 */
public final class IntervalCollector {

    private final List<LatencyRecorder> recorders;
    private final Histogram[] latencyRecycled;
    private final Histogram[] serviceRecycled;
    private final Histogram intervalLatency = HistogramRange.newHistogram();
    private final Histogram intervalService = HistogramRange.newHistogram();
    private final Histogram totalLatency = HistogramRange.newHistogram();
    private final Histogram totalService = HistogramRange.newHistogram();

    public IntervalCollector(List<LatencyRecorder> recorders) {
        this.recorders = List.copyOf(recorders);
        this.latencyRecycled = new Histogram[recorders.size()];
        this.serviceRecycled = new Histogram[recorders.size()];
    }

    /** Takes what every loop recorded since the last call as the current interval. */
    public void collect() {
        intervalLatency.reset();
        intervalService.reset();
        for (int i = 0; i < recorders.size(); i++) {
            LatencyRecorder recorder = recorders.get(i);
            latencyRecycled[i] = recorder.takeLatency(latencyRecycled[i]);
            intervalLatency.add(latencyRecycled[i]);
            if (recorder.separateServiceTime()) {
                serviceRecycled[i] = recorder.takeService(serviceRecycled[i]);
                intervalService.add(serviceRecycled[i]);
            } else {
                intervalService.add(latencyRecycled[i]);
            }
        }
    }

    /** Adds the current interval into the totals (a measured interval). */
    public void addIntervalToTotals() {
        totalLatency.add(intervalLatency);
        totalService.add(intervalService);
    }

    public Histogram intervalLatency() {
        return intervalLatency;
    }

    public Histogram intervalService() {
        return intervalService;
    }

    public Histogram totalLatency() {
        return totalLatency;
    }

    public Histogram totalService() {
        return totalService;
    }
}
