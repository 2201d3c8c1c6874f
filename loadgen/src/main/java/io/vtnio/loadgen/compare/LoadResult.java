package io.vtnio.loadgen.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.loadgen.report.LatencyFigures;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A generator run's {@code --json} file, the stable summary of SPEC section 6; the only thing
 * {@code compare} reads from a generator besides its interval log. Fields the generator adds
 * beyond the spec are ignored.
 *
 * <p>Threading: immutable.
 */
record LoadResult(
        String tool,
        String version,
        String mode,
        String model,
        String server,
        int connections,
        double durationSeconds,
        long requests,
        long errors,
        double throughputPerSec,
        Double targetRatePerSec,
        LatencyFigures latencyMicros,
        LatencyFigures serviceTimeMicros) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static LoadResult read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), LoadResult.class);
    }
}
