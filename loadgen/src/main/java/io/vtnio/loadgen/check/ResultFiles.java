package io.vtnio.loadgen.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads either shape of result file into {@link CheckedResult}s: a {@code load --json} summary
 * (docs/load.md#json-summary: one object with {@code throughputPerSec} and {@code latencyMicros}) or a
 * {@code compare} {@code summary.json} (the same objects in its {@code results} array, each with
 * its {@code scenario}, and the successful ones of its {@code rounds}). Fields it does not name are
 * ignored, so others may add to either shape.
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
            // Jackson's own message ends with a second line of source location: one line only.
            String reason = e instanceof com.fasterxml.jackson.core.JacksonException jackson
                    ? jackson.getOriginalMessage() + " (line " + jackson.getLocation().getLineNr() + ")"
                    : e.getMessage();
            throw new IOException("cannot read " + file + ": " + reason, e);
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
        String server = text(node, "server", "-");
        return new CheckedResult(scenario, server, throughput.asDouble(),
                latency.get("p99").asLong(), node.path("errors").asLong(0),
                target != null && target.isNumber() && target.asDouble() > 0 ? target.asDouble() : null,
                rounds(node.get("rounds"), scenario + "/" + server, file));
    }

    /**
     * The rounds that gave a result. A failed round is left out here: it has no figures, and
     * it already counts as an error of its result.
     */
    private static List<CheckedResult.Round> rounds(JsonNode rounds, String name, Path file) throws IOException {
        List<CheckedResult.Round> measured = new ArrayList<>();
        if (rounds == null || !rounds.isArray()) {
            return measured;
        }
        for (JsonNode round : rounds) {
            JsonNode failure = round.get("failure");
            if (failure != null && !failure.isNull()) {
                continue;
            }
            JsonNode throughput = round.get("throughputPerSec");
            JsonNode p99 = round.path("latencyMicros").get("p99");
            if (throughput == null || !throughput.isNumber() || p99 == null || !p99.isNumber()) {
                throw new IOException(file + ": a round of " + name
                        + " gave a result but lacks throughputPerSec or latencyMicros.p99");
            }
            measured.add(new CheckedResult.Round(throughput.asDouble(), p99.asLong()));
        }
        return measured;
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }
}
