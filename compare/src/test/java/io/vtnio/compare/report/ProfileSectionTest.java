package io.vtnio.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.profile.HotMethod;
import io.vtnio.compare.report.profile.ProfileSummary;
import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ProcessFigures;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.SummaryFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSectionTest {

    @TempDir
    Path dir;

    @Test
    void theReportShowsTheRowsAndTheProfileTables() throws Exception {
        ProfileSummary profile = new ProfileSummary("echo/vt-1.jfr", 200,
                List.of(new HotMethod("io.vtnio.vt.Connection.serve", 50, 0.25)),
                List.of(new HotMethod("sun.nio.ch.SocketDispatcher.read0", 80, 0.4)), 2, 3.0, 2.0, 5, 1.25,
                "io.vtnio.vt.Slow.<clinit>", 4, "VM call to Slow.<clinit> on stack", 0);
        CompareSummary base = SummaryFixture.summary(1, 1);
        List<ResultEntry> results = new ArrayList<>();
        for (ResultEntry e : base.results()) {
            ProcessFigures p = e.process();
            ProcessFigures with = new ProcessFigures(p.cpuSeconds(), p.cpuMicrosPerRequest(), p.rssBytes(),
                    p.heapUsedBytes(), p.threads(), p.bytesPerConnection(), p.heapBytesPerConnection(),
                    p.nativeBytesPerConnection(), p.gcPauses(), p.gcPauseMillis(), p.fullGcMillis(), 0.25, 0.5, 512.0,
                    null, e.figures().server().equals("vt") ? profile : null);
            results.add(new ResultEntry(e.scenario(), e.figures(), with,
                    e.rounds().stream().map(r -> new RoundResult(r.round(), r.failure(), r.figures(), with, r.json(), r.hlog(),
                            r.hgrm(), r.loadLog(), r.serverLog(), r.gcLog(), r.warmupSeconds(), r.steadyState()))
                            .toList()));
        }
        CompareSummary summary = new CompareSummary(base.tool(), base.kind(), base.version(), base.startedAt(),
                base.wallSeconds(), base.commandLine(), base.rounds(), base.order(), base.contestants(),
                base.jvmOptions(), base.pinning(), base.machine(), base.scenarios(), results, base.notes(),
                base.roundsAuto(), base.thresholdPct(), base.verdicts(), base.noise());
        Path file = dir.resolve("summary.json");
        SummaryFile.write(file, summary);
        String json = java.nio.file.Files.readString(file);
        assertTrue(json.contains("\"voluntarySwitchesPerRequest\" : 0.25") || json.contains("\"voluntarySwitchesPerRequest\":0.25"),
                "summary.json carries the new figures");
        CompareSummary read = SummaryFile.read(file);
        assertEquals(summary.results().getFirst().process(), read.results().getFirst().process(),
                "the new figures, profile included, read back as written");
        String html = HtmlReport.render(Path.of("."), summary);
        assertTrue(html.contains("switches/reply (vol)"), "the switch rows");
        assertTrue(html.contains(">512 B<"), "the allocation row");
        assertTrue(html.contains("io.vtnio.vt.Connection.serve"), "own hot methods");
        assertTrue(html.contains("sun.nio.ch.SocketDispatcher.read0</td><td>80</td><td>40.0%"), "JDK hot methods");
        assertTrue(html.contains("<td class=\"method\">virtual threads pinned (jdk.VirtualThreadPinned)</td><td>5</td>"
                + "<td>1.3 ms</td><td class=\"method\">most often blocked in io.vtnio.vt.Slow.&lt;clinit&gt;, 4 times; "
                + "reason: VM call to Slow.&lt;clinit&gt; on stack</td>"), html);
        assertTrue(html.contains("<td class=\"method\">GC pauses (jdk.GarbageCollection)</td><td>2</td><td>3.0 ms</td>"
                + "<td class=\"method\">longest 2.0 ms</td>"), html);
        assertTrue(html.contains("not recorded"), "nio had no recording");
        assertTrue(html.contains(ProfileSection.COST.substring(0, 20)), "the cost of recording is stated");
    }
}
