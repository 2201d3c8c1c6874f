package io.vtnio.compare.report;

import io.vtnio.compare.report.table.Units;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the report's charts with XChart and hands them back as PNG data URIs, drawn at twice the
 * size they are shown for sharp lines on high-density screens. Every contestant keeps one colour
 * in every chart.
 *
 * <p>Threading: stateless; AWT runs headless.
 */
public final class ChartRenderer {

    /** Drawn at SCALE times the size shown. */
    static final int SCALE = 2;
    static final int WIDTH = 446;
    static final int HEIGHT = 285;

    private static final Color[] PALETTE = {
        new Color(0x1f, 0x77, 0xb4), new Color(0xe4, 0x6c, 0x0a), new Color(0x2c, 0xa0, 0x2c),
        new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {
    }

    /** The colour of the {@code index}-th contestant. */
    public static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** CSS form of {@link #color}. */
    public static String cssColor(int index) {
        Color c = color(index);
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /**
     * Latency against percentile on HdrHistogram's log-scaled percentile axis, one curve per
     * contestant (absent contestants are skipped but keep their colour).
     */
    public static String latencyByPercentile(String title, List<String> servers, List<PercentileCurve> curves)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
        style(chart);
        // XChart's log axis takes no label function, so the axis is linear in nines: x = log10(1 / (1 - p)).
        chart.getStyler().setxAxisTickLabelsFormattingFunction(PercentileCurve::label);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartRenderer::millis);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        double nines = 1;
        for (int i = 0; i < servers.size(); i++) {
            PercentileCurve curve = curves.get(i);
            if (curve == null || curve.nines().length == 0) {
                continue;
            }
            nines = Math.max(nines, curve.nines()[curve.nines().length - 1]);
            XYSeries series = chart.addSeries(servers.get(i), curve.nines(), curve.millis());
            line(series, color(i), 2.5f);
        }
        chart.getStyler().setXAxisMax(Math.ceil(nines));
        chart.getStyler().setXAxisTickMarkSpacingHint(36 * SCALE);
        return dataUri(chart);
    }

    /**
     * Throughput of each measured second, one line per run, runs in the order they ran; each
     * contestant in its colour.
     *
     * @param runs per contestant, per round, the points {x seconds since the scenario's start, y per second}
     */
    public static String throughputOverTime(String title, String yTitle, List<String> servers,
                                            List<List<double[][]>> runs) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .xAxisTitle("seconds since the scenario began (runs alternate)")
                .yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartRenderer::shortCount);
        chart.getStyler().setYAxisTickMarkSpacingHint(36 * SCALE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> String.format(Locale.ROOT, "%.0f", x));
        for (int i = 0; i < servers.size(); i++) {
            List<double[][]> rounds = runs.get(i);
            boolean first = true;
            for (int round = 0; round < rounds.size(); round++) {
                double[][] points = rounds.get(round);
                if (points == null || points[0].length == 0) {
                    continue;
                }
                String name = first ? servers.get(i) : servers.get(i) + " round " + (round + 1);
                XYSeries series = chart.addSeries(name, points[0], points[1]);
                line(series, color(i), 2f);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setShowInLegend(first);
                first = false;
            }
        }
        return dataUri(chart);
    }

    /**
     * Memory per connection, one stacked bar per contestant: live heap and native (resident
     * beyond the heap), or just the total where they could not be told apart.
     */
    public static String memoryPerConnection(String title, List<String> servers, Map<String, List<Double>> parts)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .yAxisTitle("KiB per connection").build();
        style(chart);
        chart.getStyler().setStacked(true);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setAvailableSpaceFill(0.45);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartRenderer::kibibytes);
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        Color[] partColors = {new Color(0x4e, 0x79, 0xa7), new Color(0xa0, 0xcb, 0xe8), new Color(0x9c, 0x9c, 0x9c)};
        int i = 0;
        for (Map.Entry<String, List<Double>> part : parts.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (Double value : part.getValue()) {
                values.add(value == null ? 0.0 : Math.max(0.0, value) / 1024.0);
            }
            CategorySeries series = chart.addSeries(part.getKey(), servers, values);
            series.setFillColor(partColors[i % partColors.length]);
            i++;
        }
        return dataUri(chart);
    }

    /**
     * A figure against the server's CPU count ({@code --scaling}), one line with a marker at each
     * step per contestant, so a single step still shows as a point.
     *
     * @param points per contestant, {x server CPUs, y figure}; null or empty for a contestant without figures
     * @param micros whether the figure is a time in microseconds (else a count a second)
     */
    public static String againstServerCpus(String title, String yTitle, List<String> servers, List<double[][]> points,
                                           boolean micros) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .xAxisTitle("server CPUs").yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(micros ? Units::micros
                : ChartRenderer::shortCount);
        // Whole CPUs only: a tick at 1.5 CPUs would suggest a step that was never run.
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x)
                ? String.format(Locale.ROOT, "%.0f", x) : "");
        double most = 1;
        for (int i = 0; i < servers.size(); i++) {
            double[][] series = points.get(i);
            if (series == null || series[0].length == 0) {
                continue;
            }
            for (double x : series[0]) {
                most = Math.max(most, x);
            }
            XYSeries line = chart.addSeries(servers.get(i), series[0], series[1]);
            line(line, color(i), 2.5f);
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setXAxisMax(most + 1);
        return dataUri(chart);
    }

    /**
     * The classic curve of a capacity sweep: latency (log scale) against offered load (log scale),
     * p99 solid and p50 dashed, one colour per contestant; the objective as a grey line, each
     * contestant's capacity as a dotted drop from the objective to the axis.
     *
     * @param curves     per contestant, its steps sorted by rate: {offered/s, p50 ms, p99 ms}; null to skip one
     * @param capacities per contestant, its capacity a second, or null
     */
    /**
     * An overload round's timeline, one line per contestant (its median round): {@code series}
     * holds for each {seconds, values}, null where a contestant has none; dashed verticals at
     * {@code phaseStarts} (seconds) mark where the rate changed.
     *
     * @param logY a log scale (latency), else linear from 0 (memory, backlog)
     */
    public static String overTheTimetable(String title, String yTitle, List<String> servers, List<double[][]> series,
                                          List<Double> phaseStarts, boolean logY) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .xAxisTitle("seconds of the timetable (dashed: the rate changes)").yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> String.format(Locale.ROOT, "%.0f", x));
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (double[][] points : series) {
            if (points == null) {
                continue;
            }
            for (double value : points[1]) {
                if (value > 0) {
                    lowest = Math.min(lowest, value);
                }
                highest = Math.max(highest, value);
            }
        }
        if (highest == 0) {
            return dataUri(chart);
        }
        if (logY) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(highest))));
            chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartRenderer::shortCount);
        }
        for (int i = 0; i < servers.size(); i++) {
            double[][] points = series.get(i);
            if (points == null || points[0].length == 0) {
                continue;
            }
            double[] y = points[1].clone();
            if (logY) {
                for (int k = 0; k < y.length; k++) {
                    y[k] = Math.max(y[k], lowest);
                }
            }
            XYSeries line = chart.addSeries(servers.get(i), points[0], y);
            line(line, color(i), 2.5f);
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        for (int k = 0; k < phaseStarts.size(); k++) {
            double x = phaseStarts.get(k);
            XYSeries mark = chart.addSeries("rate change " + (k + 1), new double[] {x, x},
                    new double[] {logY ? Math.pow(10, Math.floor(Math.log10(lowest))) : 0, highest});
            line(mark, new Color(0x77, 0x77, 0x77), 1.5f);
            mark.setLineStyle(new BasicStroke(1.5f * SCALE, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f * SCALE, 4f * SCALE}, 0f));
            mark.setMarker(SeriesMarkers.NONE);
            mark.setShowInLegend(false);
        }
        return dataUri(chart);
    }

    public static String latencyAgainstOfferedLoad(String title, List<String> servers, List<double[][]> curves,
                                                   double objectiveMillis, String objective, List<Double> capacities)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH * SCALE).height(HEIGHT * SCALE).title(title)
                .xAxisTitle("offered load (requests a second, log scale)")
                .yAxisTitle("latency (ms, log scale)").build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        double floor = objectiveMillis;
        for (double[][] curve : curves) {
            if (curve == null || curve[0].length == 0) {
                continue;
            }
            for (int k = 0; k < curve[0].length; k++) {
                lowest = Math.min(lowest, curve[0][k]);
                highest = Math.max(highest, curve[0][k]);
                floor = Math.min(floor, curve[1][k]);
            }
        }
        if (highest == 0) {
            return dataUri(chart);
        }
        // Whole decades, so that the log axes label at least two of them.
        chart.getStyler().setXAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
        chart.getStyler().setXAxisMax(Math.pow(10, Math.ceil(Math.log10(highest))));
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        for (int i = 0; i < servers.size(); i++) {
            double[][] curve = curves.get(i);
            if (curve == null || curve[0].length == 0) {
                continue;
            }
            // One legend entry per contestant (its p99); the title says which line is which.
            XYSeries p99 = chart.addSeries(servers.get(i), curve[0], curve[2]);
            line(p99, color(i), 2.5f);
            p99.setMarker(SeriesMarkers.CIRCLE);
            XYSeries p50 = chart.addSeries(servers.get(i) + " p50", curve[0], curve[1]);
            line(p50, color(i), 1.5f);
            p50.setLineStyle(new BasicStroke(1.5f * SCALE, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f * SCALE, 4f * SCALE}, 0f));
            p50.setShowInLegend(false);
            Double capacity = capacities.get(i);
            if (capacity != null && capacity > 0) {
                XYSeries mark = chart.addSeries(servers.get(i) + " capacity " + shortCount(capacity),
                        new double[] {capacity, capacity}, new double[] {floor / 2, objectiveMillis});
                line(mark, color(i), 1.5f);
                mark.setLineStyle(new BasicStroke(1.5f * SCALE, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {2f * SCALE, 3f * SCALE}, 0f));
                mark.setMarker(SeriesMarkers.DIAMOND);
                mark.setShowInLegend(false);
            }
        }
        XYSeries slo = chart.addSeries("objective " + objective, new double[] {lowest, highest},
                new double[] {objectiveMillis, objectiveMillis});
        line(slo, new Color(0x77, 0x77, 0x77), 1.5f);
        return dataUri(chart);
    }

    private static void line(XYSeries series, Color color, float width) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(width * SCALE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    private static void style(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler styler = chart.getStyler();
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12 * SCALE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14 * SCALE));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(6 * SCALE);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11 * SCALE));
        styler.setAxisTickLabelsFont(base.deriveFont(10f * SCALE));
        styler.setLegendFont(base);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setLegendBorderColor(new Color(0xdd, 0xdd, 0xdd));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6));
        styler.setPlotGridLinesStroke(new BasicStroke(1f * SCALE));
        styler.setAxisTickMarkLength(3 * SCALE);
        styler.setAxisTickPadding(4 * SCALE);
        styler.setAxisTitlePadding(6 * SCALE);
        styler.setChartPadding(8 * SCALE);
        styler.setMarkerSize(6 * SCALE);
        styler.setAntiAlias(true);
    }

    private static String dataUri(Chart<?, ?> chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static String millis(double millis) {
        if (millis == 0) {
            return "0";
        }
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    private static String shortCount(double value) {
        if (value >= 1_000_000) {
            return trim(String.format(Locale.ROOT, "%.2f", value / 1e6)) + "M";
        }
        if (value >= 1_000) {
            return trim(String.format(Locale.ROOT, "%.1f", value / 1e3)) + "k";
        }
        return trim(String.format(Locale.ROOT, "%.1f", value));
    }

    private static String kibibytes(double kib) {
        return trim(String.format(Locale.ROOT, "%.1f", kib));
    }

    /** {@code 1.50} → {@code 1.5}, {@code 2.0} → {@code 2}. */
    private static String trim(String number) {
        if (!number.contains(".")) {
            return number;
        }
        String trimmed = number.replaceAll("0+$", "");
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
