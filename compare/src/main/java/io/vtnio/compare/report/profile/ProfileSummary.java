package io.vtnio.compare.report.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a JDK Flight Recorder file of one server run held inside the measured window
 * ({@code compare --profile}), or the sum of several runs: where the CPU went (the methods on top
 * of the execution samples, vtnio's own code apart from the JDK's and others'), GC pauses, and the
 * virtual-thread events that explain a slow virtual-thread server (a carrier pinned by a blocking
 * virtual thread, a virtual thread the scheduler could not take).
 *
 * <p>Threading: immutable.
 *
 * @param recording            the recording, relative to the results directory (the first one when merged)
 * @param executionSamples     {@code jdk.ExecutionSample} events in the window
 * @param ownMethods           the hottest methods of {@code io.vtnio.}, most samples first, at most {@link #KEPT}
 * @param otherMethods         the hottest other methods (JDK, libraries), most samples first, at most {@link #KEPT}
 * @param gcPauses             {@code jdk.GarbageCollection} events in the window
 * @param gcPauseMillis        the sum of their pauses
 * @param longestGcPauseMillis the longest single pause
 * @param pinnedEvents         {@code jdk.VirtualThreadPinned} events (recorded from 0 ms on, not the default 20 ms)
 * @param pinnedMillis         their total duration
 * @param pinnedFrame          the most common frame that blocked while pinned (the first below the JDK's
 *                             parking code), or null
 * @param pinnedFrameEvents    how many of the events had it
 * @param pinnedReason         the most common reason the JDK gave ({@code pinnedReason}, JDK 24 on), or null
 * @param submitFailures       {@code jdk.VirtualThreadSubmitFailed} events
 */
public record ProfileSummary(String recording, long executionSamples, List<HotMethod> ownMethods,
                             List<HotMethod> otherMethods, int gcPauses, double gcPauseMillis,
                             double longestGcPauseMillis, long pinnedEvents, double pinnedMillis, String pinnedFrame,
                             long pinnedFrameEvents, String pinnedReason, long submitFailures) {

    /** Methods kept per kind: more than the report shows, so that merging rounds stays close to exact. */
    public static final int KEPT = 20;

    /** Methods the report shows per kind. */
    public static final int SHOWN = 10;

    public ProfileSummary {
        ownMethods = List.copyOf(ownMethods);
        otherMethods = List.copyOf(otherMethods);
    }

    /**
     * The sum of several runs' summaries (one contestant's rounds): samples and events add up,
     * shares are recomputed over all samples, the longest pause is the longest of all. A method
     * outside one run's {@link #KEPT} hottest loses that run's few samples.
     */
    public static ProfileSummary merge(List<ProfileSummary> runs) {
        List<ProfileSummary> known = runs.stream().filter(java.util.Objects::nonNull).toList();
        if (known.isEmpty()) {
            return null;
        }
        if (known.size() == 1) {
            return known.getFirst();
        }
        ProfileTally tally = new ProfileTally();
        known.forEach(tally::add);
        return tally.summary(known.getFirst().recording);
    }

    /** The {@link #KEPT} methods with most samples, most first (ties by name, for a stable order). */
    public static List<HotMethod> hottest(Map<String, Long> samplesByMethod, long totalSamples) {
        List<HotMethod> methods = new ArrayList<>();
        samplesByMethod.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(KEPT)
                .forEach(e -> methods.add(new HotMethod(e.getKey(), e.getValue(),
                        totalSamples == 0 ? 0 : (double) e.getValue() / totalSamples)));
        return methods;
    }

    /** The entry with the highest count (ties by name), or null when empty. */
    public static Map.Entry<String, Long> mostCommon(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.<String, Long>comparingByKey(Comparator.reverseOrder())))
                .orElse(null);
    }
}
