package io.vtnio.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stats line: the JSON object a server prints every {@code --stats-interval} ({@code type}
 * {@code "stats"}) and once at exit ({@code type} {@code "final"}). Field names are stable;
 * {@code compare} and scripts read them.
 *
 * <p>{@code liveThreads} counts platform threads (what the JVM's thread MXBean sees); virtual
 * threads are not threads the OS schedules and are visible as {@code connectionsOpen}.
 * {@code connectionsRefused} counts connections turned away beyond {@code --max-connections};
 * they appear in no other connection counter. {@code compileMillis} is the JVM's total JIT
 * compilation time so far, from its compilation MXBean ({@link #UNKNOWN} where the JVM has no JIT
 * or does not time it, and in lines of servers that predate the field); {@code load --warmup auto}
 * watches it grow to tell when the server's code has settled. {@code allocatedBytes} is every
 * byte the JVM's threads have allocated on the heap so far, ended threads and virtual threads
 * included ({@link #UNKNOWN} where the JVM cannot say); {@code compare} divides its growth over a
 * measured window by the window's requests. {@code cpuMillis} is the CPU time the whole process
 * has used so far, every thread in user and kernel mode ({@link #UNKNOWN} where the JVM cannot
 * say); a {@code load} sweep reads it to give each step the server's CPU time. New fields are
 * only ever added at the end.
 */
public record MetricsSnapshot(
        String type,
        String server,
        long uptimeMillis,
        long connectionsOpen,
        long connectionsAccepted,
        long connectionsClosed,
        long messagesIn,
        long messagesOut,
        long bytesIn,
        long bytesOut,
        long errors,
        long slowConsumerDrops,
        long acceptFailures,
        long heapUsedBytes,
        int liveThreads,
        long connectionsRefused,
        long compileMillis,
        long allocatedBytes,
        long cpuMillis) {

    /**
     * {@code compileMillis} of a JVM that does not report compilation time, {@code allocatedBytes}
     * of one that cannot count allocation, and either in a line of an older server.
     */
    public static final long UNKNOWN = -1;

    // Readers ignore fields they do not know, so a newer server's lines stay readable.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** This snapshot as one line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of numbers always serializes", e);
        }
    }

    /**
     * Reads a line printed by {@link #toJson}, of this version or an older one. A missing
     * {@code compileMillis}, {@code allocatedBytes} or {@code cpuMillis} reads as {@link #UNKNOWN}, not as 0, which
     * would claim a JIT that never compiles or a server that never allocates.
     */
    public static MetricsSnapshot fromJson(String line) throws JsonProcessingException {
        JsonNode tree = JSON.readTree(line);
        if (!(tree instanceof ObjectNode object)) {
            // Not an object: let the binder fail (or not) exactly as it always has.
            return JSON.readValue(line, MetricsSnapshot.class);
        }
        if (!object.has("compileMillis")) {
            object.put("compileMillis", UNKNOWN);
        }
        if (!object.has("allocatedBytes")) {
            object.put("allocatedBytes", UNKNOWN);
        }
        if (!object.has("cpuMillis")) {
            object.put("cpuMillis", UNKNOWN);
        }
        return JSON.treeToValue(object, MetricsSnapshot.class);
    }
}
