package io.vtnio.compare.report.profile;

import java.util.HashMap;
import java.util.Map;

/**
 * Adds up the events behind a {@link ProfileSummary}: one recording's events as it is read, or
 * several runs' summaries when rounds are merged, so both count the same way.
 *
 * <p>Threading: not thread-safe; one tally per reader.
 */
public final class ProfileTally {

    private static final String OWN_CODE = "io.vtnio.";

    private long samples;
    private final Map<String, Long> own = new HashMap<>();
    private final Map<String, Long> other = new HashMap<>();
    private int gcPauses;
    private double gcPauseMillis;
    private double longestGcPauseMillis;
    private long pinned;
    private double pinnedMillis;
    private final Map<String, Long> pinnedFrames = new HashMap<>();
    private final Map<String, Long> pinnedReasons = new HashMap<>();
    private long submitFailures;

    /** One execution sample with {@code method} on top; vtnio's own code is counted apart. */
    public void sample(String method) {
        samples++;
        (method.startsWith(OWN_CODE) ? own : other).merge(method, 1L, Long::sum);
    }

    /** One collection that paused for {@code pauseMillis} in all, {@code longestMillis} at most at once. */
    public void gcPause(double pauseMillis, double longestMillis) {
        gcPauses++;
        gcPauseMillis += pauseMillis;
        longestGcPauseMillis = Math.max(longestGcPauseMillis, longestMillis);
    }

    /** One pinned virtual thread; {@code frame} and {@code reason} may be null. */
    public void pin(double millis, String frame, String reason) {
        pinned++;
        pinnedMillis += millis;
        if (frame != null) {
            pinnedFrames.merge(frame, 1L, Long::sum);
        }
        if (reason != null) {
            pinnedReasons.merge(reason, 1L, Long::sum);
        }
    }

    /** One virtual thread the scheduler could not take. */
    public void submitFailure() {
        submitFailures++;
    }

    /** Adds a whole run. A method outside its {@link ProfileSummary#KEPT} hottest loses that run's few samples. */
    public void add(ProfileSummary run) {
        samples += run.executionSamples();
        run.ownMethods().forEach(m -> own.merge(m.method(), m.samples(), Long::sum));
        run.otherMethods().forEach(m -> other.merge(m.method(), m.samples(), Long::sum));
        gcPauses += run.gcPauses();
        gcPauseMillis += run.gcPauseMillis();
        longestGcPauseMillis = Math.max(longestGcPauseMillis, run.longestGcPauseMillis());
        pinned += run.pinnedEvents();
        pinnedMillis += run.pinnedMillis();
        if (run.pinnedFrame() != null) {
            pinnedFrames.merge(run.pinnedFrame(), run.pinnedFrameEvents(), Long::sum);
        }
        if (run.pinnedReason() != null) {
            pinnedReasons.merge(run.pinnedReason(), run.pinnedEvents(), Long::sum);
        }
        submitFailures += run.submitFailures();
    }

    /** What was added so far, as the summary of {@code recording}. */
    public ProfileSummary summary(String recording) {
        Map.Entry<String, Long> frame = ProfileSummary.mostCommon(pinnedFrames);
        Map.Entry<String, Long> reason = ProfileSummary.mostCommon(pinnedReasons);
        return new ProfileSummary(recording, samples, ProfileSummary.hottest(own, samples),
                ProfileSummary.hottest(other, samples), gcPauses, gcPauseMillis, longestGcPauseMillis, pinned,
                pinnedMillis, frame == null ? null : frame.getKey(), frame == null ? 0 : frame.getValue(),
                reason == null ? null : reason.getKey(), submitFailures);
    }
}
