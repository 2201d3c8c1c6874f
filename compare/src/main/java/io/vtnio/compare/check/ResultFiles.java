package io.vtnio.compare.check;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.loadgen.result.Json;
import io.vtnio.loadgen.result.LoadFigures;
import io.vtnio.loadgen.result.LoadSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads either shape of result file into {@link CheckedResult}s: a {@code load --json} summary
 * (a {@link LoadSummary}: one {@link LoadFigures} of docs/load.md#json-summary) or a
 * {@code compare} {@code summary.json} (its {@code results} array of {@link ResultEntry}s, the
 * same figures with their {@code scenario}, and the successful ones of their {@code rounds}).
 * Both are read into those records with unknown fields ignored, so others may add to either
 * shape, and a field missing from an older file reads as null. The figures check compares are
 * required in the JSON itself first: a record would read a missing number as 0. A sweep's
 * capacity ({@code sweep.capacity}, of a result and of each round) is read where there is one.
 *
 * <p>Threading: stateless.
 */
final class ResultFiles {

    /** What check needs of a {@code summary.json}: its results, whatever else the file holds. */
    private record ComparedResults(List<ResultEntry> results) {
    }

    private ResultFiles() {
    }

    /**
     * @throws IOException when the file cannot be read or is neither shape
     */
    static List<CheckedResult> read(Path file) throws IOException {
        JsonNode root = parse(file);
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a vtnio result (no JSON object)");
        }
        List<CheckedResult> results = new ArrayList<>();
        if (root.path("results").isArray()) {
            List<ResultEntry> entries = convert(root, ComparedResults.class, file).results();
            for (int i = 0; i < entries.size(); i++) {
                ResultEntry entry = entries.get(i);
                JsonNode node = root.get("results").get(i);
                results.add(result(node, entry.figures(), entry.scenario() == null ? "?" : entry.scenario(),
                        entry.rounds(), node.path("rounds"), file));
            }
            return results;
        }
        if (root.has("throughputPerSec") && root.has("latencyMicros")) {
            LoadFigures figures = convert(root, LoadSummary.class, file).figures();
            String scenario = orElse(figures.mode(), "load") + "/" + orElse(figures.model(), "?");
            results.add(result(root, figures, scenario, List.of(), root.path("rounds"), file));
            return results;
        }
        throw new IOException(file + " is neither a 'vtnio load --json' file nor a 'vtnio compare' summary.json");
    }

    private static JsonNode parse(Path file) throws IOException {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + oneLine(e), e);
        }
    }

    private static <T> T convert(JsonNode root, Class<T> type, Path file) throws IOException {
        try {
            return Json.MAPPER.treeToValue(root, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + " is not a vtnio result: " + oneLine(e), e);
        }
    }

    /** Jackson's own message ends with a second line of source location: one line only. */
    private static String oneLine(Exception e) {
        if (e instanceof JacksonException jackson) {
            int line = jackson.getLocation() == null ? -1 : jackson.getLocation().getLineNr();
            return jackson.getOriginalMessage() + (line > 0 ? " (line " + line + ")" : "");
        }
        return e.getMessage();
    }

    /** {@code node} is the JSON that {@code figures} and {@code rounds} (its {@code roundNodes}) were read from. */
    private static CheckedResult result(JsonNode node, LoadFigures figures, String scenario, List<RoundResult> rounds,
                                        JsonNode roundNodes, Path file) throws IOException {
        if (!hasComparedFigures(node)) {
            throw new IOException(file + ": a result lacks throughputPerSec or latencyMicros.p99");
        }
        Double target = figures.targetRatePerSec();
        String server = orElse(figures.server(), "-");
        JsonNode capacity = node.path("sweep").path("capacity");
        return new CheckedResult(scenario, server, figures.throughputPerSec(), figures.latencyMicros().p99(),
                figures.errors(), target != null && target > 0 ? target : null,
                measured(rounds, roundNodes, scenario + "/" + server, file),
                capacity.path("objective").isTextual() ? capacity.get("objective").asText() : null,
                capacityPerSec(node));
    }

    /** A sweep's capacity ({@code sweep.capacity.perSec}) in {@code node}, or null. */
    private static Double capacityPerSec(JsonNode node) {
        JsonNode perSec = node.path("sweep").path("capacity").path("perSec");
        return perSec.isNumber() ? perSec.asDouble() : null;
    }

    /** The two figures a bound compares, as numbers in the JSON itself. */
    private static boolean hasComparedFigures(JsonNode node) {
        return node.path("throughputPerSec").isNumber() && node.path("latencyMicros").path("p99").isNumber();
    }

    /**
     * The rounds that gave a result. A failed round is left out here: it has no figures, and
     * it already counts as an error of its result.
     */
    private static List<CheckedResult.Round> measured(List<RoundResult> rounds, JsonNode roundNodes, String name,
                                                      Path file) throws IOException {
        List<CheckedResult.Round> measured = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            RoundResult round = rounds.get(i);
            if (!round.succeeded()) {
                continue;
            }
            if (!hasComparedFigures(roundNodes.get(i))) {
                throw new IOException(file + ": a round of " + name
                        + " gave a result but lacks throughputPerSec or latencyMicros.p99");
            }
            measured.add(new CheckedResult.Round(round.figures().throughputPerSec(),
                    round.figures().latencyMicros().p99(), capacityPerSec(roundNodes.get(i))));
        }
        return measured;
    }

    private static String orElse(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
