package io.vtnio.compare.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples a server's process tree (the process and its descendants, so a contestant started
 * through a shell is measured whole) every {@code period}: resident set and threads from
 * {@link ProcFs}, and context switches. Answers questions about a time window afterwards,
 * interpolating the switches at the window's edges. The tree's CPU time is {@link CpuTimeSampler}'s,
 * read at the same instants as the CPUs' busy time it is set beside.
 *
 * <p>Threading: one daemon sampling thread; {@link #sampleNow}, {@link #stop} and the queries may be
 * called from any thread.
 */
public final class ProcessSampler implements AutoCloseable {

    /**
     * Context switches are read at most this often: that means one file per thread, and {@code pt}
     * has a thread per connection. The window's edges are interpolated between reads.
     */
    private static final long SWITCHES_PERIOD_MS = 450;
    private static final Path PROC = Path.of("/proc");

    private final ProcessHandle process;
    private volatile long switchesReadMs;
    private final List<ProcessSample> samples = new CopyOnWriteArrayList<>();
    private SamplingLoop loop;

    private ProcessSampler(ProcessHandle process) {
        this.process = process;
    }

    public static ProcessSampler start(ProcessHandle process, Duration period) {
        ProcessSampler sampler = new ProcessSampler(process);
        sampler.loop = SamplingLoop.start("vtnio-compare-sampler", period, sampler::sampleNow, process::isAlive);
        return sampler;
    }

    /** Takes and keeps one sample now. */
    public ProcessSample sampleNow() {
        long nowMs = System.currentTimeMillis();
        boolean readSwitches = nowMs - switchesReadMs >= SWITCHES_PERIOD_MS;
        ContextSwitches switches = readSwitches ? ContextSwitches.ZERO : null;
        long rss = 0;
        int threads = 0;
        boolean rssKnown = false;
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process);
        process.descendants().forEach(tree::add);
        for (ProcessHandle member : tree) {
            long memberRss = ProcFs.rssBytes(member.pid());
            int memberThreads = ProcFs.threads(member.pid());
            if (memberRss >= 0 && memberThreads >= 0) {
                rss += memberRss;
                threads += memberThreads;
                rssKnown = true;
            }
            if (switches != null) {
                ContextSwitches memberSwitches = ContextSwitches.ofProcess(PROC, member.pid());
                switches = memberSwitches == null ? null : switches.plus(memberSwitches);
            }
        }
        if (readSwitches) {
            switchesReadMs = nowMs;
        }
        ProcessSample sample = new ProcessSample(System.currentTimeMillis(), rssKnown ? rss : -1,
                rssKnown ? threads : -1, switches);
        samples.add(sample);
        return sample;
    }

    /**
     * Context switches between the two instants (each edge interpolated between the reads around
     * it), or null when they were not read. Threads that ended inside the window are missing
     * (see {@link ContextSwitches}).
     */
    public ContextSwitches switchesBetween(long fromWallMs, long toWallMs) {
        double[] from = switchesAt(fromWallMs);
        double[] to = switchesAt(toWallMs);
        if (from == null || to == null) {
            return null;
        }
        return new ContextSwitches(Math.max(0, Math.round(to[0] - from[0])), Math.max(0, Math.round(to[1] - from[1])));
    }

    private double[] switchesAt(long wallMs) {
        List<ProcessSample> read = samples.stream().filter(s -> s.switches() != null).toList();
        return interpolate(read, wallMs, s -> new double[] {s.switches().voluntary(), s.switches().involuntary()});
    }

    /** Highest resident set sampled within the window, or null. */
    public Long maxRssBetween(long fromWallMs, long toWallMs) {
        long max = -1;
        for (ProcessSample sample : within(fromWallMs, toWallMs)) {
            max = Math.max(max, sample.rssBytes());
        }
        return max < 0 ? null : max;
    }

    /** Most threads sampled within the window, or null. */
    public Integer maxThreadsBetween(long fromWallMs, long toWallMs) {
        int max = -1;
        for (ProcessSample sample : within(fromWallMs, toWallMs)) {
            max = Math.max(max, sample.threads());
        }
        return max < 0 ? null : max;
    }

    /** The samples taken within the window, in time order. */
    public List<ProcessSample> samplesBetween(long fromWallMs, long toWallMs) {
        return within(fromWallMs, toWallMs);
    }

    private List<ProcessSample> within(long fromWallMs, long toWallMs) {
        List<ProcessSample> inside = new ArrayList<>();
        for (ProcessSample sample : samples) {
            if (sample.wallMs() >= fromWallMs && sample.wallMs() <= toWallMs) {
                inside.add(sample);
            }
        }
        return inside;
    }

    /**
     * Linear interpolation of {@code figures} between the samples around {@code wallMs}; the
     * nearest sample's when {@code wallMs} lies outside them; null without samples.
     */
    static double[] interpolate(List<ProcessSample> samples, long wallMs,
                                java.util.function.Function<ProcessSample, double[]> figures) {
        return interpolate(samples, ProcessSample::wallMs, wallMs, figures);
    }

    /**
     * The same for any readings taken in time order, {@code time} giving each one's wall clock in
     * milliseconds.
     */
    static <T> double[] interpolate(List<T> samples, java.util.function.ToLongFunction<T> time, long wallMs,
                                    java.util.function.Function<T, double[]> figures) {
        T before = null;
        T after = null;
        for (T sample : samples) {
            if (time.applyAsLong(sample) <= wallMs) {
                before = sample;
            } else if (after == null) {
                after = sample;
            }
        }
        if (before == null && after == null) {
            return null;
        }
        if (before == null) {
            return figures.apply(after);
        }
        long beforeMs = time.applyAsLong(before);
        if (after == null || time.applyAsLong(after) == beforeMs) {
            return figures.apply(before);
        }
        double share = (double) (wallMs - beforeMs) / (time.applyAsLong(after) - beforeMs);
        double[] low = figures.apply(before);
        double[] high = figures.apply(after);
        double[] value = new double[low.length];
        for (int i = 0; i < low.length; i++) {
            value[i] = low[i] + share * (high[i] - low[i]);
        }
        return value;
    }

    /** Stops sampling after one last sample. */
    public void stop() {
        loop.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
