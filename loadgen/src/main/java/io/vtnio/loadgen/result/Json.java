package io.vtnio.loadgen.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

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
    public static final ObjectWriter FILE_WRITER = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }
}
