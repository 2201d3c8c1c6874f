package io.vtnio.loadgen.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one configured Jackson mapper of every file the generator and its readers write and read
 * ({@code load --json}, {@code summary.json}, what {@code check} reads): fields it does not know
 * are skipped when reading, so a file from a newer version still reads; files are written indented.
 *
 * <p>Threading: the mapper and writer are thread-safe once configured; share freely.
 */
public final class Json {

    /** Reads and writes JSON: lenient about unknown fields. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Writes a file's JSON, indented for people. */
    private static final ObjectWriter FILE_WRITER = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Writes {@code value} to {@code file} as every result file is written: indented, a newline at the end. */
    public static void writeFile(Path file, Object value) throws IOException {
        Files.writeString(file, FILE_WRITER.writeValueAsString(value) + "\n");
    }
}
