package io.vtnio.compare.report;

import io.vtnio.compare.report.summary.ScalingInfo;
import io.vtnio.compare.report.table.CpuLines;
import io.vtnio.compare.report.table.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's section for {@code compare --scaling}: which steps of server CPUs ran and why no
 * more, what every contestant and the generator had at each step, and per scenario two charts
 * against server CPUs, one line per contestant: requests a second, and server CPU time per
 * request, with the figures beside them in a table. A chart that cannot be drawn becomes a line
 * saying why; the rest of the report stands.
 *
 * <p>Threading: stateless.
 */
final class ScalingSection {

    private ScalingSection() {
    }

    static String html(ScalingInfo scaling, List<String> servers) {
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"scenario\" id=\"scaling\">\n<h2>Scaling with server CPUs ")
                .append("<span class=\"name\">--scaling</span></h2>\n<p class=\"what\">")
                .append(HtmlReport.esc(upper(scaling.explanation()))).append(".</p>\n<table class=\"setup\">\n");
        for (ScalingInfo.Step step : scaling.steps()) {
            html.append("<tr><th>").append(step.serverCpus()).append(step.serverCpus() == 1 ? " server CPU"
                    : " server CPUs").append("</th><td>").append(HtmlReport.esc(CpuLines.step(step)))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (String scenario : scaling.scenarios()) {
            html.append("<h3>").append(HtmlReport.esc(scenario)).append("</h3>\n<div class=\"body\">\n<div class=\"side\">\n");
            table(html, scaling, scenario, servers);
            html.append("</div>\n<div class=\"charts\">\n");
            chart(html, scenario + ": requests/s against server CPUs", () -> ChartRenderer.againstServerCpus(
                    scenario + ", requests/s", "requests/s", servers, series(scaling, scenario, servers, true), false));
            chart(html, scenario + ": server CPU per request against server CPUs", () ->
                    ChartRenderer.againstServerCpus(scenario + ", server CPU per request", "CPU time per request",
                            servers, series(scaling, scenario, servers, false), true));
            html.append("</div>\n</div>\n");
        }
        html.append("</section>\n");
        return html.toString();
    }

    private static void table(StringBuilder html, ScalingInfo scaling, String scenario, List<String> servers) {
        html.append("<table class=\"figures\">\n<thead><tr><th>server CPUs</th>");
        for (String server : servers) {
            html.append("<th>").append(HtmlReport.esc(server)).append(" /s</th>");
        }
        for (String server : servers) {
            html.append("<th>").append(HtmlReport.esc(server)).append(" CPU/req</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (ScalingInfo.Step step : scaling.steps()) {
            html.append("<tr><th><a href=\"#").append(HtmlReport.esc(scenario)).append('-').append(step.serverCpus())
                    .append("cpu\">").append(step.serverCpus()).append("</a></th>");
            List<ScalingInfo.Point> points = new ArrayList<>();
            for (String server : servers) {
                points.add(scaling.points(scenario, server).stream().filter(p -> p.serverCpus() == step.serverCpus())
                        .findFirst().orElse(null));
            }
            for (ScalingInfo.Point point : points) {
                html.append("<td>").append(point == null || point.throughputPerSec() == null ? "n/a"
                        : Units.count(point.throughputPerSec())).append("</td>");
            }
            for (ScalingInfo.Point point : points) {
                html.append("<td>").append(point == null || point.cpuMicrosPerRequest() == null ? "n/a"
                        : Units.micros(point.cpuMicrosPerRequest())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Per contestant {x server CPUs, y figure}, the steps without the figure left out. */
    static List<double[][]> series(ScalingInfo scaling, String scenario, List<String> servers, boolean throughput) {
        List<double[][]> series = new ArrayList<>();
        for (String server : servers) {
            List<ScalingInfo.Point> points = scaling.points(scenario, server).stream()
                    .filter(p -> (throughput ? p.throughputPerSec() : p.cpuMicrosPerRequest()) != null).toList();
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i).serverCpus();
                xy[1][i] = throughput ? points.get(i).throughputPerSec() : points.get(i).cpuMicrosPerRequest();
            }
            series.add(xy);
        }
        return series;
    }

    private interface Drawing {
        String dataUri() throws java.io.IOException;
    }

    private static void chart(StringBuilder html, String alt, Drawing drawing) {
        try {
            html.append("<img class=\"chart\" alt=\"").append(HtmlReport.esc(alt)).append("\" src=\"")
                    .append(drawing.dataUri()).append("\">\n");
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            html.append("<p class=\"nochart\">").append(HtmlReport.esc(alt)).append(": chart unavailable (")
                    .append(HtmlReport.esc(String.valueOf(e.getMessage()))).append(")</p>\n");
        }
    }

    private static String upper(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
