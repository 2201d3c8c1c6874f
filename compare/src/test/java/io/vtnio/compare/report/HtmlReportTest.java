package io.vtnio.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.SummaryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void theReportIsOneFileWithEveryChartEmbeddedAndNothingFetched() throws Exception {
        CompareSummary summary = SummaryFixture.summary(1, 1, 3);
        SummaryFixture.write(dir, summary);
        Path file = dir.resolve("report.html");
        HtmlReport.write(file, dir, SummaryFile.read(dir.resolve("summary.json")));
        String html = Files.readString(file);

        Matcher images = Pattern.compile("<img [^>]*src=\"data:image/png;base64,").matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
        }
        // Latency and throughput for each of three scenarios, and memory per connection for idle.
        assertEquals(7, count, "embedded charts");
        assertFalse(html.contains("chart unavailable"), "a chart failed to draw");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing may be fetched");
        assertFalse(html.contains("<script"), "no script");
        assertTrue(html.contains(">vt<") && html.contains(">nio<"));
        assertTrue(html.contains("nio ahead, 1.20x [1.20-1.20x]"), "verdict of echo-peak at a glance");
        assertTrue(html.contains("nio ahead, 1.20x higher replies/s [1.20-1.20x] (95%, 3 pairs)"), "its line");
        assertTrue(html.contains("<td>2.5s</td>"), "warm-up of each round");
        assertTrue(html.contains("server on CPU 1, generator on CPU 0"));
        assertTrue(html.contains("-Xmx256m"), "JVM options");
        assertTrue(html.contains("href=\"echo-peak/vt-1.hlog\""), "rounds link their files");
    }

    @Test
    void textIsEscaped() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot;", HtmlReport.esc("<b> & \"x\""));
    }
}
