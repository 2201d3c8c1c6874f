package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.core.MetricsSnapshot;
import java.io.IOException;
import java.util.List;

/**
 * Checks one stats line a server prints on stdout: a single JSON object carrying every counter
 * SPEC section 2 names as a whole number, readable by {@link MetricsSnapshot#fromJson}.
 *
 * <p>Threading: stateless.
 */
public final class StatsLine {

    /** The counters and gauges every stats line must carry. */
    public static final List<String> FIELDS = List.of("connectionsOpen", "connectionsAccepted",
            "connectionsClosed", "messagesIn", "messagesOut", "bytesIn", "bytesOut", "errors",
            "slowConsumerDrops", "heapUsedBytes", "liveThreads", "connectionsRefused");

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsLine() {
    }

    /**
     * Parses {@code line}, asserting its shape.
     *
     * @return the parsed object, for checks on particular values
     * @throws AssertionError if a field is missing or not a whole number
     * @throws IOException if the line is not JSON at all
     */
    public static JsonNode parse(String line) throws IOException {
        JsonNode json = JSON.readTree(line);
        assertTrue(json.isObject(), "stats line is a JSON object: " + line);
        assertTrue(json.hasNonNull("type"), "stats line has a type: " + line);
        for (String field : FIELDS) {
            assertTrue(json.has(field) && json.get(field).isIntegralNumber(),
                    "stats line has the whole number " + field + ": " + line);
        }
        MetricsSnapshot.fromJson(line);
        return json;
    }
}
