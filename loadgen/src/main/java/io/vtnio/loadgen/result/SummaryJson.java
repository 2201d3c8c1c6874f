package io.vtnio.loadgen.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link LoadSummary} as JSON with Jackson: indented in {@code --json} files,
 * on one line inside interval logs.
 *
 * <p>Threading: stateless apart from a thread-safe {@link ObjectMapper}; share freely.
 */
public final class SummaryJson {

    private SummaryJson() {
    }

    public static void write(Path file, LoadSummary summary) throws IOException {
        Json.writeFile(file, summary);
    }

    static String toLine(LoadSummary summary) {
        try {
            return Json.MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a summary", e);
        }
    }

    static LoadSummary fromJson(String json) throws IOException {
        return Json.MAPPER.readValue(json, LoadSummary.class);
    }

    static LoadSummary read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}
