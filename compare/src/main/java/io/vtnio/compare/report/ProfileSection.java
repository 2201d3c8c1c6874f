package io.vtnio.compare.report;

import static io.vtnio.compare.report.HtmlReport.esc;

import io.vtnio.compare.report.profile.HotMethod;
import io.vtnio.compare.report.profile.ProfileSummary;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.table.Units;
import java.util.List;
import java.util.Locale;

/**
 * The part of a scenario's report section that {@code compare --profile} adds: per contestant,
 * what its flight recordings saw in the measured windows of all its rounds: the ten hottest
 * methods by execution samples, vtnio's own code apart from the JDK's and others', GC pauses, and
 * for virtual threads the pinning events and submit failures. Empty when nothing was recorded.
 *
 * <p>Threading: stateless.
 */
final class ProfileSection {

    /** What recording costs, measured once (docs/compare.md, "What recording costs"). */
    static final String COST = "What recording costs, measured once on a quiet machine (docs/compare.md, "
            + "\"What recording costs\"): about 7% of vt's echo peak and nothing measurable of nio's; at a fixed "
            + "rate about 9 us of CPU per reply more for vt, none for nio. Decide on a run without --profile; use "
            + "this one to explain.";

    private static final String STYLE = """
            <style>
            .profile { display: flex; flex-wrap: wrap; gap: 18px; margin-top: 10px; }
            .profile .one { flex: 1 1 520px; min-width: 0; }
            .profile h4 { margin: 4px 0; font-size: 15px; }
            .profile p { margin: 2px 0 6px; font-size: 13px; color: #2c3238; }
            .profile table { font-size: 13px; font-variant-numeric: tabular-nums; margin: 4px 0 10px; width: 100%; }
            .profile th, .profile td { padding: 2px 8px; border-bottom: 1px solid #f0f1f3; text-align: right; }
            .profile td.method { text-align: left; word-break: break-all; font-family: ui-monospace, monospace;
              font-size: 12px; }
            .profile th.method { text-align: left; }
            .profile caption { text-align: left; font-weight: 600; font-size: 13px; padding: 2px 0; }
            </style>
            """;

    private ProfileSection() {
    }

    /** The HTML for {@code entries} (one per contestant in {@code servers} order), or "" without recordings. */
    static String render(List<String> servers, List<ResultEntry> entries) {
        if (entries.stream().noneMatch(e -> profile(e) != null)) {
            return "";
        }
        StringBuilder html = new StringBuilder(STYLE);
        html.append("<h3>Why: the flight recordings of the measured windows</h3>\n<p class=\"what\">")
                .append("Every round's recording, cut to its measured window and summed over the rounds. Hot methods ")
                .append("are the methods on top of the stack in JFR's execution samples (every 1 ms per thread ")
                .append("running Java code; time inside system calls is not sampled); pinning counts every pinned virtual thread that blocked (threshold 0 ms, not the ")
                .append("default 20 ms). ").append(esc(COST)).append("</p>\n<div class=\"profile\">\n");
        for (int i = 0; i < servers.size(); i++) {
            ProfileSummary profile = profile(entries.get(i));
            html.append("<div class=\"one\">\n<h4 style=\"color:").append(ChartRenderer.cssColor(i)).append("\">")
                    .append(esc(servers.get(i))).append("</h4>\n");
            if (profile == null) {
                html.append("<p>not recorded (a --server command records only where it says {jfr})</p>\n</div>\n");
                continue;
            }
            html.append("<p>").append(String.format(Locale.ROOT, "%,d execution samples.", profile.executionSamples()));
            if (profile.recording() != null) {
                // Opens in JDK Mission Control or 'jfr print'; the other rounds' files lie beside it.
                html.append(" <a href=\"").append(esc(profile.recording())).append("\">").append(esc(profile.recording()))
                        .append("</a>");
            }
            html.append("</p>\n");
            pausesAndPinning(html, profile);
            methods(html, "own code (io.vtnio.)", profile.ownMethods(), profile.executionSamples());
            methods(html, "JDK and other", profile.otherMethods(), profile.executionSamples());
            html.append("</div>\n");
        }
        html.append("</div>\n");
        return html.toString();
    }

    /**
     * The events that stop or hold up the server's threads: GC pauses, virtual threads pinned to
     * their carrier (and where they most often blocked), and virtual threads the scheduler refused.
     */
    static void pausesAndPinning(StringBuilder html, ProfileSummary p) {
        html.append("<table>\n<caption>pauses and pinning</caption>\n")
                .append("<thead><tr><th class=\"method\">event</th><th>count</th><th>in all</th>")
                .append("<th class=\"method\">longest, or where</th></tr></thead>\n<tbody>\n");
        eventRow(html, "GC pauses (jdk.GarbageCollection)", p.gcPauses(), p.gcPauses() == 0 ? "" : millis(p.gcPauseMillis()),
                p.gcPauses() == 0 ? "" : "longest " + millis(p.longestGcPauseMillis()));
        StringBuilder where = new StringBuilder();
        if (p.pinnedFrame() != null) {
            where.append(String.format(Locale.ROOT, "most often blocked in %s, %,d time%s", p.pinnedFrame(),
                    p.pinnedFrameEvents(), p.pinnedFrameEvents() == 1 ? "" : "s"));
        }
        if (p.pinnedReason() != null) {
            where.append(where.isEmpty() ? "" : "; ").append("reason: ").append(p.pinnedReason());
        }
        eventRow(html, "virtual threads pinned (jdk.VirtualThreadPinned)", p.pinnedEvents(),
                p.pinnedEvents() == 0 ? "" : millis(p.pinnedMillis()), where.toString());
        eventRow(html, "submit failures (jdk.VirtualThreadSubmitFailed)", p.submitFailures(), "", "");
        html.append("</tbody>\n</table>\n");
    }

    private static void eventRow(StringBuilder html, String event, long count, String total, String detail) {
        html.append("<tr><td class=\"method\">").append(esc(event)).append("</td><td>").append(Units.count(count))
                .append("</td><td>").append(esc(total)).append("</td><td class=\"method\">").append(esc(detail))
                .append("</td></tr>\n");
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static void methods(StringBuilder html, String caption, List<HotMethod> methods, long samples) {
        html.append("<table>\n<caption>").append(esc(caption)).append("</caption>\n")
                .append("<thead><tr><th class=\"method\">method on top of the stack</th><th>samples</th>")
                .append("<th>share</th></tr></thead>\n<tbody>\n");
        if (methods.isEmpty()) {
            html.append("<tr><td class=\"method\" colspan=\"3\">none sampled</td></tr>\n");
        }
        for (HotMethod method : methods.subList(0, Math.min(ProfileSummary.SHOWN, methods.size()))) {
            html.append("<tr><td class=\"method\">").append(esc(method.method())).append("</td><td>")
                    .append(Units.count(method.samples())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", samples == 0 ? 0.0 : 100.0 * method.samples() / samples))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static ProfileSummary profile(ResultEntry entry) {
        return entry == null || entry.process() == null ? null : entry.process().profile();
    }
}
