package io.vtnio.compare.report.summary;

import io.vtnio.loadgen.result.Json;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes {@code summary.json} with Jackson, indented, unknown fields ignored on read so
 * newer files stay readable.
 *
 * <p>Threading: stateless apart from {@link Json}'s thread-safe mapper.
 */
public final class SummaryFile {

    private SummaryFile() {
    }

    public static void write(Path file, CompareSummary summary) throws IOException {
        Json.writeFile(file, summary);
    }

    public static CompareSummary read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), CompareSummary.class);
    }
}
