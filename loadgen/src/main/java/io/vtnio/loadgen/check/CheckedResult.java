package io.vtnio.loadgen.check;

/**
 * One result {@code check} holds bounds against: a {@code load --json} file has one, a
 * {@code compare} summary one per scenario and server.
 *
 * @param scenario         the compare scenario, or {@code MODE/MODEL} for a load file (e.g. {@code echo/closed})
 * @param server           the server label, or {@code -} when the load file has none
 * @param throughputPerSec requests a second
 * @param p99Micros        latency p99 in microseconds
 * @param errors           errors (compare: summed over rounds, a failed round counting one)
 * @param targetRatePerSec the open model's scheduled rate, or null for a closed model
 */
record CheckedResult(String scenario, String server, double throughputPerSec, long p99Micros, long errors,
                     Double targetRatePerSec) {

    /** How failures name it: {@code echo-peak/nio}. */
    String name() {
        return scenario + "/" + server;
    }
}
