package io.vtnio.compare.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.profile.HotMethod;
import io.vtnio.compare.report.profile.ProfileSummary;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a real flight recording around work on virtual threads (a CPU-bound loop in this
 * package, a GC, and a virtual thread that blocks inside a class initializer, which pins its
 * carrier on JDK 24 and later, where {@code synchronized} no longer does) and checks what
 * {@link FlightRecording} makes of it.
 */
@Timeout(60)
class FlightRecordingTest {

    @TempDir
    static Path dir;

    static Path file;
    static long startMs;
    static long endMs;
    static volatile long sink;

    /** A class whose initializer blocks: the virtual thread that runs it stays on its carrier. */
    static final class SlowToInitialize {
        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    @BeforeAll
    static void record() throws Exception {
        file = dir.resolve("run.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            startMs = System.currentTimeMillis();
            Thread busy = Thread.ofVirtual().start(FlightRecordingTest::spinOnHashes);
            Thread.ofVirtual().start(SlowToInitialize::touch).join();
            busy.join();
            System.gc();
            endMs = System.currentTimeMillis();
            recording.stop();
            recording.dump(file);
        }
    }

    /** Half a second of SHA-256 in this package: vtnio's own code on top of some samples. */
    static void spinOnHashes() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] data = new byte[64];
            long until = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < until) {
                data = sha.digest(data);
                sink += ownLoop(data);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long ownLoop(byte[] data) {
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += data[i & 31] * (long) i;
        }
        return sum;
    }

    @Test
    void hotMethodsSeparateOwnCodeFromTheJdksAndAddUpToTheSamples() throws Exception {
        ProfileSummary profile = FlightRecording.read(file, "run.jfr", startMs - 1000, endMs + 1000);
        assertTrue(profile.executionSamples() > 0, "half a second of CPU is sampled");
        assertTrue(profile.ownMethods().stream().allMatch(HotMethod::own), profile.ownMethods().toString());
        assertTrue(profile.otherMethods().stream().noneMatch(HotMethod::own), profile.otherMethods().toString());
        assertTrue(profile.ownMethods().stream().anyMatch(m -> m.method().startsWith(
                "io.vtnio.compare.profile.FlightRecordingTest.")), "the spinning test code: " + profile.ownMethods());
        long listed = profile.ownMethods().stream().mapToLong(HotMethod::samples).sum()
                + profile.otherMethods().stream().mapToLong(HotMethod::samples).sum();
        assertTrue(listed <= profile.executionSamples());
        HotMethod top = profile.ownMethods().getFirst();
        assertEquals((double) top.samples() / profile.executionSamples(), top.share(), 1e-9);
        assertEquals("run.jfr", profile.recording());
    }

    @Test
    void theGcAndThePinnedClassInitializerAreCounted() throws Exception {
        ProfileSummary profile = FlightRecording.read(file, "run.jfr", startMs - 1000, endMs + 1000);
        assertTrue(profile.gcPauses() >= 1, "System.gc() paused: " + profile);
        assertTrue(profile.gcPauseMillis() > 0 && profile.longestGcPauseMillis() <= profile.gcPauseMillis());
        assertEquals(1, profile.pinnedEvents(), "one virtual thread blocked in a class initializer: " + profile);
        assertTrue(profile.pinnedMillis() >= 25, profile.pinnedMillis() + " ms pinned, it slept 30 ms");
        assertEquals(SlowToInitialize.class.getName() + ".<clinit>", profile.pinnedFrame(),
                "the frame that blocked, below the JDK's parking code");
        assertNotNull(profile.pinnedReason());
        assertEquals(0, profile.submitFailures());
    }

    @Test
    void eventsOutsideTheWindowAreLeftOut() throws Exception {
        ProfileSummary before = FlightRecording.read(file, "run.jfr", startMs - 60_000, startMs - 30_000);
        assertEquals(0, before.executionSamples());
        assertEquals(0, before.gcPauses());
        assertEquals(0, before.pinnedEvents());
        assertNull(before.pinnedFrame());
        assertTrue(before.ownMethods().isEmpty());
    }

    @Test
    void roundsMergeBySummingSamplesAndEvents() {
        ProfileSummary one = new ProfileSummary("a.jfr", 100,
                List.of(new HotMethod("io.vtnio.vt.Connection.run", 40, 0.4)),
                List.of(new HotMethod("sun.nio.ch.SocketDispatcher.read0", 30, 0.3)), 1, 2.0, 2.0, 3, 1.5,
                "io.vtnio.X.<clinit>", 3, "VM call", 0);
        ProfileSummary two = new ProfileSummary("b.jfr", 300,
                List.of(new HotMethod("io.vtnio.vt.Connection.run", 60, 0.2)),
                List.of(new HotMethod("java.lang.Object.wait0", 90, 0.3)), 2, 5.0, 4.0, 1, 0.5,
                "io.vtnio.Y.run", 1, "VM call", 1);
        ProfileSummary both = ProfileSummary.merge(List.of(one, two));
        assertEquals(400, both.executionSamples());
        assertEquals(new HotMethod("io.vtnio.vt.Connection.run", 100, 0.25), both.ownMethods().getFirst());
        assertEquals("java.lang.Object.wait0", both.otherMethods().getFirst().method());
        assertEquals(3, both.gcPauses());
        assertEquals(7.0, both.gcPauseMillis(), 1e-9);
        assertEquals(4.0, both.longestGcPauseMillis(), 1e-9);
        assertEquals(4, both.pinnedEvents());
        assertEquals("io.vtnio.X.<clinit>", both.pinnedFrame());
        assertEquals(1, both.submitFailures());
        assertEquals(Map.entry("b", 5L), ProfileSummary.mostCommon(Map.of("a", 2L, "b", 5L)));
    }

    @Test
    void theJvmOptionRecordsWithProfileSettingsAndEveryPin() {
        assertEquals("-XX:StartFlightRecording=filename=/r/vt-1.jfr,settings=profile,dumponexit=true,"
                + "jdk.ExecutionSample#period=1ms,jdk.VirtualThreadPinned#threshold=0ms,"
                + "jdk.SocketRead#enabled=false,jdk.SocketWrite#enabled=false", FlightRecording.jvmOption(Path.of("/r/vt-1.jfr")));
    }
}
