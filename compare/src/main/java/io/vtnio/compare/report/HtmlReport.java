package io.vtnio.compare.report;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ContestantInfo;
import io.vtnio.compare.report.summary.MachineInfo;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundCheck;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.report.table.ComparisonRows;
import io.vtnio.compare.report.table.CpuLines;
import io.vtnio.compare.report.table.MetricRow;
import io.vtnio.compare.report.table.Units;
import io.vtnio.compare.report.table.VerdictLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code report.html}: one self-contained page (inline CSS, charts embedded as PNG data URIs, no
 * script, nothing fetched) drawn from a {@link CompareSummary} and the interval logs it names.
 * Verdicts first, then each scenario with its side-by-side table beside its charts (latency by
 * percentile, throughput over time, and memory per connection for {@code idle}), then how the run
 * was set up and how to read it.
 *
 * <pre>{@code
 * HtmlReport.write(outDir.resolve("report.html"), outDir, summary);
 * }</pre>
 *
 * <p>Threading: stateless.
 */
public final class HtmlReport {

    private static final long CHART_TIMEOUT_SECONDS = 20;

    private final CompareSummary summary;
    private final List<String> servers;
    private final ScenarioCharts charts;
    private final StringBuilder html = new StringBuilder(1 << 20);

    private HtmlReport(Path outDir, CompareSummary summary) {
        this.summary = summary;
        this.servers = summary.serverNames();
        this.charts = new ScenarioCharts(outDir, servers);
    }

    /** Writes the report of {@code summary}, whose relative file names resolve against {@code outDir}. */
    public static void write(Path file, Path outDir, CompareSummary summary) throws IOException {
        Files.writeString(file, render(outDir, summary), StandardCharsets.UTF_8);
    }

    /** The report as a string. */
    public static String render(Path outDir, CompareSummary summary) {
        HtmlReport report = new HtmlReport(outDir, summary);
        report.page();
        return report.html.toString();
    }

    private void page() {
        String title = "vtnio compare: " + String.join(" vs ", servers);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(ReportStyle.CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header();
        glance();
        if (summary.scaling() != null) {
            html.append(ScalingSection.html(summary.scaling(), servers));
        }
        for (ScenarioInfo scenario : summary.scenarios()) {
            scenario(scenario);
        }
        if (summary.noise() != null) {
            html.append(NoiseSection.html(summary.noise(), summary.thresholdPct()));
        }
        setup();
        howToRead();
        html.append("</main>\n</body>\n</html>\n");
    }

    private void header() {
        html.append("<header>\n<h1>");
        for (int i = 0; i < servers.size(); i++) {
            if (i > 0) {
                html.append(" <span class=\"vs\">vs</span> ");
            }
            html.append("<span class=\"server\" style=\"color:").append(ChartRenderer.cssColor(i)).append("\">")
                    .append(esc(servers.get(i))).append("</span>");
        }
        html.append("</h1>\n<p class=\"sub\">vtnio compare, ").append(esc(summary.startedAt().replace('T', ' ')
                .replace("Z", " UTC"))).append(" &middot; ").append(summary.roundsAuto() ? "up to " : "")
                .append(summary.rounds()).append(summary.rounds() == 1 ? " round" : " rounds, medians &plusmn;sd").append(" &middot; ").append(esc(summary.pinning()))
                .append(" &middot; ").append(esc(machineLine())).append("</p>\n");
        html.append("<p class=\"legend\">");
        for (int i = 0; i < servers.size(); i++) {
            html.append("<span class=\"swatch\" style=\"background:").append(ChartRenderer.cssColor(i))
                    .append("\"></span>").append(esc(servers.get(i))).append(": ")
                    .append(esc(describeServer(servers.get(i)))).append("<br>");
        }
        html.append("</p>\n");
        cpuLines("legend");
        html.append("</header>\n");
    }

    /** What CPUs each contestant and the generator had, and how they were told, one per line. */
    private void cpuLines(String cssClass) {
        List<String> lines = CpuLines.of(summary);
        if (!lines.isEmpty()) {
            html.append("<p class=\"").append(cssClass).append("\">CPUs: ")
                    .append(String.join("<br>", lines.stream().map(HtmlReport::esc).toList())).append("</p>\n");
        }
    }

    private String describeServer(String name) {
        return switch (name) {
            case "vt" -> "blocking sockets, one virtual thread per connection";
            case "nio" -> "java.nio Selector event loop, a worker pool for blocking work";
            case "pt" -> "blocking sockets, one platform thread per connection (vt's code)";
            default -> summary.contestants().stream().filter(c -> c.name().equals(name)).findFirst()
                    .map(ContestantInfo::command).orElse("");
        };
    }

    private String machineLine() {
        MachineInfo machine = summary.machine();
        StringBuilder line = new StringBuilder();
        line.append(machine.cpus()).append(machine.cpus() == 1 ? " CPU" : " CPUs");
        if (machine.cpuModel() != null) {
            line.append(" (").append(machine.cpuModel()).append(')');
        }
        if (machine.memoryBytes() > 0) {
            line.append(", ").append(Units.bytes(machine.memoryBytes()));
        }
        line.append(", ").append(machine.os()).append(", JDK ").append(machine.jdk().split(" ")[0]);
        return line.toString();
    }

    private void glance() {
        html.append("<section class=\"glance\">\n<h2>At a glance</h2>\n<table class=\"glance\">\n<thead><tr>")
                .append("<th class=\"text\">scenario</th><th class=\"text\">deciding figure</th>");
        serverHeads();
        html.append("<th class=\"text\">verdict</th><th class=\"cpu\" colspan=\"").append(servers.size())
                .append("\">server CPU per request</th></tr></thead>\n<tbody>\n");
        for (ScenarioInfo scenario : summary.scenarios()) {
            List<ResultEntry> entries = entries(scenario);
            List<MetricRow> rows = ComparisonRows.rows(scenario, entries);
            MetricRow key = find(rows, ComparisonRows.decidingFigure(scenario));
            MetricRow cpu = find(rows, "server CPU/" + scenario.unit());
            html.append("<tr><th><a href=\"#").append(esc(scenario.name())).append("\">").append(esc(scenario.title()))
                    .append("</a></th><td class=\"label\">").append(esc(key.label())).append(hint(key)).append("</td>");
            figures(key);
            List<ScenarioVerdict> verdicts = summary.verdicts(scenario.name());
            html.append("<td class=\"label verdicts\">");
            if (verdicts.isEmpty()) {
                html.append("n/a");
            }
            for (ScenarioVerdict verdict : verdicts) {
                String versus = servers.size() > 2 ? verdict.other() + " vs " + verdict.reference() + ": " : "";
                html.append("<span class=\"verdict-").append(esc(verdict.verdict())).append("\">")
                        .append(esc(versus + verdict.figure() + ": " + verdict.brief())).append("</span><br>");
                if (verdict.efficiency() != null) {
                    html.append("<span class=\"verdict-").append(esc(verdict.efficiency().verdict())).append("\">")
                            .append(esc(versus + "CPU/" + scenario.unit() + ": " + verdict.efficiency().brief()))
                            .append("</span><br>");
                }
                if (ScenarioVerdict.DISAGREE.equals(verdict.decision())) {
                    html.append("<span class=\"verdict-inconclusive\">the witnesses disagree</span><br>");
                }
            }
            html.append("</td>");
            for (int i = 0; i < servers.size(); i++) {
                html.append("<td class=\"cpu\">").append(esc(cpu.texts().get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (!summary.notes().isEmpty()) {
            html.append("<div class=\"notes\">");
            for (String note : summary.notes()) {
                html.append("<p>Note: ").append(esc(note)).append("</p>");
            }
            html.append("</div>\n");
        }
        html.append("</section>\n");
    }

    private void serverHeads() {
        for (int i = 0; i < servers.size(); i++) {
            html.append("<th style=\"color:").append(ChartRenderer.cssColor(i)).append("\">").append(esc(servers.get(i)))
                    .append("</th>");
        }
        for (int i = 1; i < servers.size(); i++) {
            html.append("<th class=\"ratio\">").append(esc(servers.get(i) + "/" + servers.getFirst())).append("</th>");
        }
    }

    /**
     * The cells of one row: each contestant's figure (the best highlighted when it leads the
     * others by more than compare's --threshold), then the ratios.
     */
    private void figures(MetricRow row) {
        int best = row.best(summary.thresholdPct() > 0 ? summary.thresholdPct() / 100 : MetricRow.EVEN);
        for (int i = 0; i < row.texts().size(); i++) {
            html.append("<td").append(i == best ? " class=\"best\"" : "").append(">").append(esc(row.texts().get(i)))
                    .append("</td>");
        }
        for (int i = 1; i < servers.size(); i++) {
            html.append("<td class=\"ratio\">").append(esc(Units.ratio(row.ratio(i)))).append("</td>");
        }
    }

    private static MetricRow find(List<MetricRow> rows, String label) {
        return rows.stream().filter(row -> row.label().equals(label)).findFirst().orElseThrow();
    }

    private void scenario(ScenarioInfo scenario) {
        List<ResultEntry> entries = entries(scenario);
        html.append("<section class=\"scenario\" id=\"").append(esc(scenario.name())).append("\">\n<h2>")
                .append(esc(scenario.title())).append(" <span class=\"name\">").append(esc(scenario.name()))
                .append("</span></h2>\n<p class=\"what\">").append(esc(scenario.description())).append("</p>\n");
        html.append("<div class=\"body\">\n<div class=\"side\">\n");
        table(scenario, entries);
        List<ScenarioVerdict> verdicts = summary.verdicts(scenario.name());
        for (String line : VerdictLines.verdicts(verdicts)) {
            html.append("<p class=\"verdict\">").append(esc(line)).append("</p>\n");
        }
        for (String line : VerdictLines.disagreements(verdicts)) {
            html.append("<p class=\"verdict\">").append(esc(line)).append("</p>\n");
        }
        List<String> leftOut = VerdictLines.leftOut(verdicts);
        if (!leftOut.isEmpty()) {
            html.append("<p class=\"left-out\">Left out of the verdicts: ").append(esc(String.join("; ", leftOut)))
                    .append("</p>\n");
        }
        html.append("<p class=\"flags\">server flags ").append(flags(scenario.serverFlags()))
                .append("<br>load flags ").append(flags(scenario.loadFlags())).append("</p>\n");
        html.append("</div>\n<div class=\"charts\">\n");
        if (entries.stream().anyMatch(e -> e != null && e.sweep() != null)) {
            // A sweep's intervals are its steps': a percentile curve or a timeline over all of them mixes loads.
            chart("Latency against offered load, the median round of each", () -> charts.capacity(entries));
        } else if (entries.stream().anyMatch(e -> e != null && e.rounds().stream().anyMatch(r -> r.overload() != null))) {
            chart("p99 second by second through the overload, the median round of each",
                    () -> charts.overload(entries, "p99 of each second (from the scheduled send)", "p99 (ms, log scale)",
                            second -> second.p99Micros() / 1000.0, true));
            chart("Backlog: messages sent and not yet answered, at the end of each second",
                    () -> charts.overload(entries, "backlog at the generator", "messages",
                            second -> (double) Math.max(0, second.backlog()), false));
            chart("Server resident memory through the overload",
                    () -> charts.overload(entries, "resident memory", "bytes",
                            second -> second.rssBytes() == null ? null : second.rssBytes().doubleValue(), false));
        } else {
            chart("Latency by percentile, all rounds", () -> charts.latency(entries));
            chart("Throughput over time, every run", () -> charts.throughput(scenario, entries));
        }
        if (entries.stream().anyMatch(e -> e != null && e.process().bytesPerConnection() != null)) {
            chart("Memory per open connection", () -> charts.memory(entries));
        }
        html.append("</div>\n</div>\n");
        html.append(ProfileSection.render(servers, entries));
        rounds(scenario, entries);
        html.append("</section>\n");
    }

    private void table(ScenarioInfo scenario, List<ResultEntry> entries) {
        html.append("<table class=\"figures\">\n<thead><tr><th></th>");
        serverHeads();
        html.append("</tr></thead>\n<tbody>\n");
        for (MetricRow row : ComparisonRows.rows(scenario, entries)) {
            html.append("<tr").append(row.detail() ? " class=\"detail\"" : "").append("><th>").append(esc(row.label()))
                    .append(hint(row)).append("</th>");
            figures(row);
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Flags as code, each {@code --flag value} pair kept on one line. */
    private static String flags(String flags) {
        StringBuilder out = new StringBuilder("<code>");
        for (String pair : flags.trim().split(" (?=--)")) {
            out.append("<span class=\"flag\">").append(esc(pair)).append("</span> ");
        }
        return out.toString().trim() + "</code>";
    }

    private static String hint(MetricRow row) {
        return switch (row.better()) {
            case HIGHER -> " <span class=\"dir\" title=\"higher is better\">&#9650;</span>";
            case LOWER -> " <span class=\"dir\" title=\"lower is better\">&#9660;</span>";
            case NEITHER -> "";
        };
    }

    private void rounds(ScenarioInfo scenario, List<ResultEntry> entries) {
        html.append("<details>\n<summary>Every round and its files</summary>\n<table class=\"rounds\">\n")
                .append("<thead><tr><th>round</th><th>server</th><th>").append(esc(ComparisonRows.plural(scenario.unit())))
                .append("/s</th><th>p50</th><th>p99</th><th>CPU/").append(esc(scenario.unit()))
                .append("</th><th>server busy</th><th>generator busy</th><th>other load</th><th>counts</th>")
                .append("<th>errors</th><th>warm-up</th><th>files</th></tr></thead>\n<tbody>\n");
        int rounds = entries.stream().filter(e -> e != null).mapToInt(e -> e.rounds().size()).max().orElse(0);
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < servers.size(); i++) {
                ResultEntry entry = entries.get(i);
                if (entry == null || r >= entry.rounds().size()) {
                    continue;
                }
                RoundResult round = entry.rounds().get(r);
                html.append("<tr><td>").append(round.round()).append("</td><td style=\"color:")
                        .append(ChartRenderer.cssColor(i)).append("\">").append(esc(servers.get(i))).append("</td>");
                if (round.failure() != null) {
                    html.append("<td colspan=\"10\" class=\"failed\">failed: ").append(esc(round.failure())).append("</td>");
                } else {
                    html.append("<td>").append(Units.count(round.figures().throughputPerSec())).append("</td><td>")
                            .append(Units.micros(round.figures().latencyMicros().p50())).append("</td><td>")
                            .append(Units.micros(round.figures().latencyMicros().p99())).append("</td><td>")
                            .append(round.process().cpuMicrosPerRequest() == null ? "n/a"
                                    : Units.micros(round.process().cpuMicrosPerRequest()))
                            .append("</td>").append(checkCells(round))
                            .append("<td>").append(round.figures().errors()).append("</td><td>")
                            .append(warmup(round)).append("</td>");
                }
                html.append("<td class=\"files\">");
                link("json", round.json());
                link("hgrm", round.hgrm());
                link("hlog", round.hlog());
                link("load log", round.loadLog());
                link("server log", round.serverLog());
                link("gc log", round.gcLog());
                html.append("</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n</details>\n");
    }

    /** A round's busy shares and whether it counts, four cells; n/a in a file written before rounds were checked. */
    private static String checkCells(RoundResult round) {
        RoundCheck check = round.check();
        if (check == null) {
            return "<td>n/a</td><td>n/a</td><td>n/a</td><td>yes</td>";
        }
        Double foreign = check.serverCpusForeignPct() == null ? null : Math.max(check.serverCpusForeignPct(),
                check.generatorCpusForeignPct() == null ? 0 : check.generatorCpusForeignPct());
        String counts = check.leftOut() == null ? "yes"
                : (check.throughputOnly() ? "not for throughput: " : "no: ") + check.leftOut();
        return "<td>" + percent(check.serverBusyPct()) + "</td><td>" + percent(check.generatorBusyPct())
                + "</td><td>" + percent(foreign) + "</td><td" + (check.leftOut() == null ? "" : " class=\"failed\"")
                + ">" + esc(counts) + "</td>";
    }

    private static String percent(Double pct) {
        return pct == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", pct);
    }

    /** {@code 3.2s}, {@code 15.0s, not steady}, {@code 1.0s fixed}, or {@code n/a}. */
    private static String warmup(RoundResult round) {
        if (round.warmupSeconds() == null) {
            return "n/a";
        }
        String seconds = String.format(Locale.ROOT, "%.1fs", round.warmupSeconds());
        if (round.steadyState() == null) {
            return seconds + " fixed";
        }
        return round.steadyState() ? seconds : seconds + ", not steady";
    }

    private void link(String label, String file) {
        if (file != null) {
            html.append("<a href=\"").append(esc(file)).append("\">").append(esc(label)).append("</a> ");
        }
    }

    private void setup() {
        MachineInfo machine = summary.machine();
        html.append("<section class=\"setup\">\n<h2>How this was run</h2>\n<table class=\"setup\">\n");
        setupRow("command", "<code>" + esc(summary.commandLine()) + "</code>");
        setupRow("started", esc(summary.startedAt()) + ", took " + String.format(Locale.ROOT, "%.0f s", summary.wallSeconds()));
        setupRow("rounds", (summary.roundsAuto() ? "auto: at least the minimum, then more while a verdict was "
                + "inconclusive and the time budget allowed; up to " : "") + summary.rounds()
                + ", in the order <code>" + esc(summary.order()) + "</code>; every run a fresh server process "
                + "that warmed up until steady before it was measured");
        setupRow("verdicts", "95% interval of the paired rounds' ratio against a threshold of "
                + esc(String.format(Locale.ROOT, "%.0f%%", summary.thresholdPct())));
        setupRow("CPUs", esc(summary.pinning()));
        if (!CpuLines.of(summary).isEmpty()) {
            setupRow("told", String.join("<br>", CpuLines.of(summary).stream().map(HtmlReport::esc).toList()));
        }
        setupRow("machine", esc(machine.cpus() + " CPUs" + (machine.cpuModel() == null ? "" : ", " + machine.cpuModel())
                + (machine.memoryBytes() > 0 ? ", " + Units.bytes(machine.memoryBytes()) + " memory" : "")
                + ", " + machine.os()));
        setupRow("JDK", esc(machine.jdk()));
        setupRow("JVM options", "<code>" + esc(summary.jvmOptions())
                + "</code> for every built-in server, plus <code>-Xlog:gc:file=&hellip;</code> for its GC log");
        for (ContestantInfo contestant : summary.contestants()) {
            setupRow("server " + esc(contestant.name()), "<code>" + esc(contestant.command()) + "</code>"
                    + (contestant.framework() == null ? "" : "<br>" + esc(contestant.framework()))
                    + (contestant.verification() == null ? "" : "<br>" + esc(contestant.verification())));
        }
        setupRow("generator", "<code>vtnio load</code> in its own JVM, one per run; its <code>--json</code>, "
                + "<code>--hlog</code> and <code>--hgrm</code> files are linked under each scenario");
        setupRow("version", "vtnio " + esc(summary.version()));
        html.append("</table>\n</section>\n");
    }

    private void setupRow(String name, String valueHtml) {
        html.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private void howToRead() {
        html.append("""
                <section class="read">
                <h2>How to read this report</h2>
                <ul>
                <li><b>Verdicts</b> come in three words. Rounds run in pairs, in alternating order (A B, then
                B A), so a machine that drifts slows both sides of a pair alike; each pair gives one ratio of the
                scenario's deciding figure, and the ratios give a 95% confidence interval (Student's t on their
                logarithms). <i>Ahead</i>: the whole interval lies beyond the threshold. <i>Even</i>: the whole
                interval lies within it. <i>Inconclusive</i>: neither; the verdict names why (too few pairs, pairs
                that spread more than the threshold band, a ratio close to the threshold, or pairs that disagree)
                and what would settle it. Every verdict ends with the smallest difference its run could have
                detected.</li>
                <li><b>Tables</b> give the median over the rounds of each figure and, after &plusmn;, the
                rounds' standard deviation in percent of their mean (errors are summed);
                the ratio column divides medians by the first server. &#9650; marks figures where higher is better,
                &#9660; where lower is better; the better value is highlighted when the two medians differ by more
                than 10%. Grey rows are details.</li>
                <li><b>Warm-up</b>: every run warms up until the throughput (in the open-loop scenarios, the
                median latency) of consecutive 250 ms intervals is steady and, for vtnio's servers, their JIT compiler has gone quiet; the time it took is in the
                rounds table. Idle's memory is measured on a server warmed that way with echo traffic, as a server
                in service is.</li>
                <li><b>Latency by percentile</b> uses HdrHistogram's log-scaled percentile axis: each step to the
                right adds a nine (90%, 99%, 99.9%&hellip;), so the tail is as visible as the median. Every
                measured request of every round is in the curve. In the open-loop scenarios latency counts from
                the time a request was scheduled, so a server that falls behind pays for every request that waited.</li>
                <li><b>Throughput over time</b> plots each measured second of each run; runs alternate between the
                servers and every run starts a fresh server process, hence the gaps.</li>
                <li><b>Server CPU per request</b> is the CPU time of the server process (user and system) during the
                measured window divided by the requests served in it: the cost of one request, whatever the
                throughput.</li>
                <li><b>Memory per connection</b> is measured with every idle connection open against none: growth of
                the live heap after a forced full GC, plus growth of resident memory beyond the heap (the heap is
                fixed and pre-touched, so it is resident from the start). <i>Full GC, conns open</i> is how long
                that forced collection took: what the connections hold costs GC time too. Threads counts OS threads
                of the server process; virtual threads are not among them.</li>
                <li><b>Why one model wins</b>: <i>switches/request</i> are the server threads' context switches
                per request from Linux (<i>vol</i>: a thread blocked; <i>invol</i>: it was preempted), summed over
                the threads alive at the window's edges; <i>allocated/request</i> is the heap the server's JVM
                allocated per request; with <code>--syscalls</code>, system calls per request by kind as perf
                counted them; with <code>--profile</code>, each scenario shows the hottest methods, GC pauses and
                virtual-thread pinning of the recorded windows. "not measured" is never a zero.</li>
                <li>Closed loop: each connection sends its next request when the reply arrives, so throughput shows
                capacity. Open loop: requests go out on a fixed schedule whatever the server does, as in wrk2.</li>
                </ul>
                </section>
                """);
    }

    private List<ResultEntry> entries(ScenarioInfo scenario) {
        List<ResultEntry> entries = new ArrayList<>();
        for (String server : servers) {
            entries.add(summary.result(scenario.name(), server));
        }
        return entries;
    }

    /** A chart drawn now and embedded, or a line saying why it could not be. */
    private interface ChartSource {
        String dataUri() throws IOException;
    }

    private void chart(String alt, ChartSource source) {
        try {
            String uri = drawWithin(source, CHART_TIMEOUT_SECONDS);
            html.append("<img class=\"chart\" alt=\"").append(esc(alt)).append("\" src=\"")
                    .append(uri).append("\">\n");
        } catch (IOException | RuntimeException | LinkageError | TimeoutException e) {
            html.append("<p class=\"nochart\">").append(esc(alt)).append(": chart unavailable (")
                    .append(esc(String.valueOf(e.getMessage()))).append(")</p>\n");
        }
    }

    /**
     * Draws on a daemon thread and gives up after {@code seconds}: a charting library stuck on
     * odd data must cost a chart, never the whole comparison.
     */
    private static String drawWithin(ChartSource source, long seconds) throws IOException, TimeoutException {
        FutureTask<String> task = new FutureTask<>(source::dataUri);
        Thread.ofPlatform().daemon().name("vtnio-report-chart").start(task);
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new TimeoutException("drawing took more than " + seconds + " s");
        }
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
