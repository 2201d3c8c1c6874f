package io.vtnio.compare.profile;

import io.vtnio.compare.report.profile.ProfileSummary;
import io.vtnio.compare.report.profile.ProfileTally;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder file of one server run ({@code compare --profile}): the JVM option that
 * records it, and the reading of it into a {@link ProfileSummary} with the JDK's own
 * {@link RecordingFile}, keeping only events that started inside the measured window.
 *
 * <p>The recording uses the JDK's {@code profile} settings (GC events, socket and lock events)
 * with two changes. An execution sample every 1 ms instead of 10 ms: the JFR samples only threads
 * running Java code, not those inside a system call, and an I/O server spends most of its time in
 * system calls, so at 10 ms a measured window of a few seconds gave a few dozen samples.
 * {@code jdk.VirtualThreadPinned} from 0 ms on instead of from 20 ms, so that the many short pins
 * that add up under load are counted, not only the rare long ones.
 *
 * <p>Threading: stateless.
 */
public final class FlightRecording {

    private FlightRecording() {
    }

    /**
     * The JVM option that records a run into {@code file}, written when the JVM exits (a graceful stop).
     * Socket read and write events are off: the profile settings record those over 10 ms, and a
     * blocking {@code Socket} pays for the check on every call ({@code SocketReadEvent.offer} and the
     * {@code getSoTimeout} it reads were 15% of vt's execution samples in an echo run), while a
     * {@code SocketChannel} on a selector does not, so they would tilt the profile against vt.
     */
    public static String jvmOption(Path file) {
        return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true"
                + ",jdk.ExecutionSample#period=1ms,jdk.VirtualThreadPinned#threshold=0ms"
                + ",jdk.SocketRead#enabled=false,jdk.SocketWrite#enabled=false";
    }

    /**
     * Reads {@code file}, keeping the events that started between {@code fromMs} and {@code toMs}
     * (wall clock, inclusive).
     *
     * @param recording how the report names the file (a path relative to the results directory)
     * @throws IOException when the file is missing or not a recording
     */
    public static ProfileSummary read(Path file, String recording, long fromMs, long toMs) throws IOException {
        Instant from = Instant.ofEpochMilli(fromMs);
        Instant to = Instant.ofEpochMilli(toMs);
        ProfileTally tally = new ProfileTally();
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                Instant start = event.getStartTime();
                if (start.isBefore(from) || start.isAfter(to)) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        String method = topMethod(event.getStackTrace());
                        if (method != null) {
                            tally.sample(method);
                        }
                    }
                    case "jdk.GarbageCollection" -> tally.gcPause(millis(event, "sumOfPauses"),
                            millis(event, "longestPause"));
                    case "jdk.VirtualThreadPinned" -> tally.pin(event.getDuration().toNanos() / 1e6,
                            blockingFrame(event.getStackTrace()),
                            event.hasField("pinnedReason") ? event.getString("pinnedReason") : null);
                    case "jdk.VirtualThreadSubmitFailed" -> tally.submitFailure();
                    default -> {
                        // other events of the profile settings are not summarized
                    }
                }
            }
        }
        return tally.summary(recording);
    }

    private static double millis(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getDuration(field).toNanos() / 1e6 : 0;
    }

    /** {@code package.Class.method} of the frame on top, or null for an empty stack. */
    static String topMethod(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return null;
        }
        return name(stack.getFrames().getFirst());
    }

    /**
     * The first frame below the JDK's parking code ({@code VirtualThread.park...},
     * {@code Thread.sleep}, {@code LockSupport.park}): what blocked while pinned. The top frame
     * itself is always the same {@code VirtualThread.parkOnCarrierThread} and says nothing.
     */
    static String blockingFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return null;
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.equals("java.lang.VirtualThread") && !type.equals("java.lang.Thread")
                    && !type.equals("java.util.concurrent.locks.LockSupport")
                    && !type.startsWith("jdk.internal.misc.")) {
                return name(frame);
            }
        }
        return frames.isEmpty() ? null : name(frames.getFirst());
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
