package io.vtnio.compare.report;

import static io.vtnio.compare.report.NoiseFixture.checkpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.summary.MachineNoise;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseSectionTest {

    @Test
    void theSectionShowsEveryCheckpointAndEachCpusFigures() {
        String html = NoiseSection.html(NoiseFixture.quiet(), 10);
        assertTrue(html.startsWith("<section class=\"noise\" id=\"noise\">\n<h2>Machine noise</h2>"), html);
        assertTrue(html.contains("<th>before</th>") && html.contains("<th>after echo-peak</th>")
                && html.contains("<th>after</th>"), html);
        assertTrue(html.contains("<th>CPU 0 probe</th><th>CPU 0 steal</th><th>CPU 1 probe</th>"), html);
        assertTrue(html.contains("<td>12:00:03</td><td>25.00ms</td><td>n/a</td>"), html);
        assertFalse(html.contains("class=\"notes\""), "a quiet machine has no warnings");
    }

    @Test
    void labelsAndWarningsAreEscaped() {
        MachineNoise noisy = MachineNoise.of(List.of(checkpoint("before", 20_000, 20_000, null),
                checkpoint("after <b>&", 30_000, 20_000, 0.0)));
        String html = NoiseSection.html(noisy, 10);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("<th>after &lt;b&gt;&amp;</th>"), html);
        assertTrue(html.contains("<div class=\"notes\"><p>CPU 0 ran the fixed probe 50% slower"), html);
        assertTrue(html.contains("(after &lt;b&gt;&amp;)"), "the warning names the checkpoint, escaped");
    }

    @Test
    void theTerminalLineGivesEachCpusDriftAndTheHighestSteal() {
        assertEquals("machine noise: probe drift 2% (CPU 0), 1% (CPU 1); steal 0.1%",
                NoiseSection.summaryLine(NoiseFixture.quiet()));
        assertEquals("machine noise: not measured", NoiseSection.summaryLine(MachineNoise.of(List.of())));
    }
}
