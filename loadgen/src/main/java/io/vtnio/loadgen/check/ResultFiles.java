package io.vtnio.loadgen.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads either shape of result file into {@link CheckedResult}s: a {@code load --json} summary
 * (SPEC section 6: one object with {@code throughputPerSec} and {@code latencyMicros}) or a
 * {@code compare} {@code summary.json} (the same objects in its {@code results} array, each with
 * its {@code scenario}).
 *
 * <p>Threading: stateless.
 */
final class ResultFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultFiles() {
    }

    /**
     * @throws IOException when the file cannot be read or is neither shape
     */
    static List<CheckedResult> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a vtnio result (no JSON object)");
        }
        List<CheckedResult> results = new ArrayList<>();
        if (root.has("results") && root.get("results").isArray()) {
            for (JsonNode entry : root.get("results")) {
                results.add(result(entry, text(entry, "scenario", "?"), file));
            }
            return results;
        }
        if (root.has("throughputPerSec") && root.has("latencyMicros")) {
            String scenario = text(root, "mode", "load") + "/" + text(root, "model", "?");
            results.add(result(root, scenario, file));
            return results;
        }
        throw new IOException(file + " is neither a 'vtnio load --json' file nor a 'vtnio compare' summary.json");
    }

    private static CheckedResult result(JsonNode node, String scenario, Path file) throws IOException {
        JsonNode throughput = node.get("throughputPerSec");
        JsonNode latency = node.get("latencyMicros");
        if (throughput == null || !throughput.isNumber() || latency == null || !latency.path("p99").isNumber()) {
            throw new IOException(file + ": a result lacks throughputPerSec or latencyMicros.p99");
        }
        JsonNode target = node.get("targetRatePerSec");
        return new CheckedResult(scenario, text(node, "server", "-"), throughput.asDouble(),
                latency.get("p99").asLong(), node.path("errors").asLong(0),
                target != null && target.isNumber() && target.asDouble() > 0 ? target.asDouble() : null);
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }
}
