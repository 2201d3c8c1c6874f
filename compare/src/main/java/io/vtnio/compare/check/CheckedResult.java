package io.vtnio.compare.check;

import java.util.List;

/**
 * One result {@code check} holds bounds against: a {@code load --json} file has one, a
 * {@code compare} summary one per scenario and server.
 *
 * @param scenario         the compare scenario, or {@code MODE/MODEL} for a load file (e.g. {@code echo/closed})
 * @param server           the server label, or {@code -} when the load file has none
 * @param throughputPerSec requests a second (compare: the median over rounds)
 * @param p99Micros        latency p99 in microseconds (compare: the median over rounds)
 * @param errors           errors (compare: summed over rounds, a failed round counting one)
 * @param targetRatePerSec the open model's scheduled rate, or null for a closed model
 * @param rounds           the rounds that gave a result, in file order; empty for a {@code load --json} file
 *                         and for a summary written before rounds were recorded
 * @param capacityObjective a sweep's latency objective ({@code p99=5ms}), or null when the result has no capacity
 * @param capacityPerSec   the capacity at it (compare: the median over rounds), or null when no step met it
 *
 * <p>Threading: immutable.
 */
record CheckedResult(String scenario, String server, double throughputPerSec, long p99Micros, long errors,
                     Double targetRatePerSec, List<Round> rounds, String capacityObjective,
                     Double capacityPerSec) {

    /**
     * One round's headline figures, the samples of the interval against a baseline.
     *
     * @param throughputPerSec requests a second in that round
     * @param p99Micros        latency p99 of that round in microseconds
     * @param capacityPerSec   that round's capacity at the objective, or null
     */
    record Round(double throughputPerSec, long p99Micros, Double capacityPerSec) {

        Round(double throughputPerSec, long p99Micros) {
            this(throughputPerSec, p99Micros, null);
        }
    }

    CheckedResult(String scenario, String server, double throughputPerSec, long p99Micros, long errors,
                  Double targetRatePerSec, List<Round> rounds) {
        this(scenario, server, throughputPerSec, p99Micros, errors, targetRatePerSec, rounds, null, null);
    }

    CheckedResult {
        rounds = List.copyOf(rounds);
    }

    /** How failures name it: {@code echo-peak/nio}. */
    String name() {
        return scenario + "/" + server;
    }
}
