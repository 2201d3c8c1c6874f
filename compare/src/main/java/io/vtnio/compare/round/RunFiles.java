package io.vtnio.compare.round;

import java.nio.file.Path;

/**
 * Where one run's files go: {@code DIR/SCENARIO/SERVER-ROUND.*}; {@code warmup.*} belong to the
 * echo traffic that warms a server before its memory is measured; {@code .jfr} is the flight
 * recording of {@code --profile}, {@code .perf.csv} the system-call counts of {@code --syscalls}.
 *
 * <p>Threading: immutable.
 */
record RunFiles(Path json, Path hlog, Path hgrm, Path loadLog, Path serverOut, Path serverErr, Path gcLog,
                Path warmupJson, Path warmupLog, Path jfr, Path perfCsv) {

    static RunFiles of(Path scenarioDir, String server, int round) {
        String stem = server + "-" + round;
        return new RunFiles(scenarioDir.resolve(stem + ".json"), scenarioDir.resolve(stem + ".hlog"),
                scenarioDir.resolve(stem + ".hgrm"), scenarioDir.resolve(stem + ".load.log"),
                scenarioDir.resolve(stem + ".server.log"), scenarioDir.resolve(stem + ".server.err"),
                scenarioDir.resolve(stem + ".gc.log"), scenarioDir.resolve(stem + ".warmup.json"),
                scenarioDir.resolve(stem + ".warmup.log"), scenarioDir.resolve(stem + ".jfr"),
                scenarioDir.resolve(stem + ".perf.csv"));
    }
}
