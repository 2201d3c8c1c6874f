package io.vtnio.loadgen.compare;

import java.time.Duration;

/**
 * How big and how long each scenario is. {@link #DEFAULT} keeps the whole default comparison
 * (five scenarios, two servers, three rounds, JVM start-ups included) within three minutes on a
 * two-core machine; {@link #QUICK} keeps {@code --quick} within thirty seconds.
 *
 * @param warmup             generator warm-up of most scenarios
 * @param echoWarmup         warm-up of the two echo phases, long enough for the servers' JIT
 * @param idleWarmup         warm-up of idle, long enough to hold the memory probe (and the full GC it forces)
 *                           so that its pause stays out of the measured latency
 * @param echoDuration       measured time of the two echo phases
 * @param duration           measured time of the other scenarios
 * @param echoConnections    echo: connections
 * @param idleConnections    idle: connections held open
 * @param fanoutConnections  fanout: chat members
 * @param fanoutPublishers   fanout: how many of them publish
 * @param fanoutLinesPerSec  fanout: lines a second over all publishers
 * @param churnConnections   churn: connects in flight
 * @param backendConnections backend: connections
 * @param backendWork        backend: the server's per-message work
 */
record ScenarioSizes(Duration warmup, Duration echoWarmup, Duration idleWarmup, Duration echoDuration,
                     Duration duration, int echoConnections, int idleConnections, int fanoutConnections,
                     int fanoutPublishers, int fanoutLinesPerSec, int churnConnections, int backendConnections,
                     String backendWork) {

    /** The shortest warm-up idle gets, whatever {@code --warmup} says. */
    static final Duration IDLE_WARMUP_MIN = Duration.ofSeconds(1);

    static final ScenarioSizes DEFAULT = new ScenarioSizes(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofMillis(1500),
            100, 5000, 1000, 2, 100, 50, 2000, "sleep:5ms");

    static final ScenarioSizes QUICK = new ScenarioSizes(Duration.ofMillis(300), Duration.ofMillis(500),
            Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(1),
            100, 2000, 500, 2, 100, 50, 1000, "sleep:5ms");

    /** These sizes with every warm-up and duration replaced (null keeps it); idle keeps at least 1s of warm-up. */
    ScenarioSizes withTimes(Duration newWarmup, Duration newDuration) {
        Duration idle = newWarmup == null ? idleWarmup
                : newWarmup.compareTo(IDLE_WARMUP_MIN) < 0 ? IDLE_WARMUP_MIN : newWarmup;
        return new ScenarioSizes(newWarmup == null ? warmup : newWarmup, newWarmup == null ? echoWarmup : newWarmup,
                idle, newDuration == null ? echoDuration : newDuration, newDuration == null ? duration : newDuration,
                echoConnections, idleConnections, fanoutConnections, fanoutPublishers, fanoutLinesPerSec,
                churnConnections, backendConnections, backendWork);
    }

    ScenarioSizes withIdleConnections(int connections) {
        return new ScenarioSizes(warmup, echoWarmup, idleWarmup, echoDuration, duration, echoConnections, connections,
                fanoutConnections, fanoutPublishers, fanoutLinesPerSec, churnConnections, backendConnections,
                backendWork);
    }
}
