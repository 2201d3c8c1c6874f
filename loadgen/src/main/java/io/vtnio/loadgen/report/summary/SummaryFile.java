package io.vtnio.loadgen.report.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code summary.json} with Jackson, indented, unknown fields ignored on read so
 * newer files stay readable.
 *
 * <p>Threading: stateless apart from a thread-safe {@link ObjectMapper}.
 */
public final class SummaryFile {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryFile() {
    }

    public static void write(Path file, CompareSummary summary) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(summary) + "\n");
    }

    public static CompareSummary read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), CompareSummary.class);
    }
}
