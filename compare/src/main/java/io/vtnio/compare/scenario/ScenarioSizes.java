package io.vtnio.compare.scenario;

import java.time.Duration;

/**
 * How big and how long each scenario is. The measured windows are short on purpose: on this
 * project's 2-core VM the variance of a figure lives between runs (a fresh server JVM and
 * generator, whose closed loop settles into one of several operating points, 60k, 100k or 145k
 * replies/s for the same selector server) and hardly within one (its one-second intervals agree
 * within 2-3%), so a longer window buys almost no precision while another round buys a whole
 * new sample (Kalibera and Jones, "Rigorous benchmarking in reasonable time": repeat at the level
 * where the variance is). See docs/compare.md#where-the-variance-lives. {@link #DEFAULT} is sized so that the default
 * comparison (five scenarios, two servers, three rounds each, JVM start-ups and warm-ups
 * included) takes about six minutes on a two-core machine; {@link #QUICK} keeps {@code --quick} within about a
 * minute.
 *
 * @param warmup             warm-up of every run: until steady (auto), or fixed by {@code --warmup}
 * @param idleWarmup         fixed warm-up of idle's own run, long enough to hold the memory probe (and the full
 *                           GC it forces) so that its pause stays out of the measured latency
 * @param echoDuration       measured time of the two echo phases
 * @param duration           measured time of the other scenarios
 * @param echoConnections    echo: connections
 * @param idleConnections    idle: connections held open
 * @param fanoutConnections  fanout: chat members
 * @param fanoutPublishers   fanout: how many of them publish
 * @param fanoutLinesPerSec  fanout: lines a second over all publishers; every line goes to every member, so the default's 50 make
 *                           50,000 deliveries a second, about half of one CPU for either server on the 2-core VM (at
 *                           100,000 both were 95-99% busy and the open loop measured a queue, not a server)
 * @param churnConnections   churn: connects in flight at most
 * @param churnRatePerSec    churn: connections a second, the same for every server (an open loop: a closed one
 *                           was the generator's peak, not the selector server's, on 2 cores)
 * @param backendConnections backend: connections
 * @param backendWork        backend: the server's per-message work
 */
public record ScenarioSizes(WarmupPlan warmup, Duration idleWarmup, Duration echoDuration, Duration duration,
                     int echoConnections, int idleConnections, int fanoutConnections, int fanoutPublishers,
                     int fanoutLinesPerSec, int churnConnections, int churnRatePerSec, int backendConnections,
                     String backendWork) {

    /** The shortest warm-up idle gets, whatever {@code --warmup} says. */
    static final Duration IDLE_WARMUP_MIN = Duration.ofSeconds(1);

    public static final ScenarioSizes DEFAULT = new ScenarioSizes(WarmupPlan.auto(Duration.ofSeconds(15)),
            Duration.ofMillis(1500), Duration.ofMillis(1500), Duration.ofSeconds(1),
            100, 5000, 1000, 2, 50, 50, 8000, 2000, "sleep:5ms");

    public static final ScenarioSizes QUICK = new ScenarioSizes(WarmupPlan.auto(Duration.ofSeconds(3)),
            Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(1),
            100, 2000, 500, 2, 100, 50, 8000, 1000, "sleep:5ms");

    /**
     * These sizes with a fixed warm-up and the durations replaced (null keeps the current one);
     * idle keeps at least 1s of warm-up.
     */
    public ScenarioSizes withTimes(Duration newWarmup, Duration newDuration) {
        Duration idle = newWarmup == null ? idleWarmup
                : newWarmup.compareTo(IDLE_WARMUP_MIN) < 0 ? IDLE_WARMUP_MIN : newWarmup;
        return new ScenarioSizes(newWarmup == null ? warmup : WarmupPlan.fixed(newWarmup), idle,
                newDuration == null ? echoDuration : newDuration, newDuration == null ? duration : newDuration,
                echoConnections, idleConnections, fanoutConnections, fanoutPublishers, fanoutLinesPerSec,
                churnConnections, churnRatePerSec, backendConnections, backendWork);
    }

    /** These sizes with an auto warm-up bounded by {@code max}. */
    public ScenarioSizes withWarmupMax(Duration max) {
        return new ScenarioSizes(WarmupPlan.auto(max), idleWarmup, echoDuration, duration, echoConnections,
                idleConnections, fanoutConnections, fanoutPublishers, fanoutLinesPerSec, churnConnections,
                churnRatePerSec, backendConnections, backendWork);
    }

    public ScenarioSizes withIdleConnections(int connections) {
        return new ScenarioSizes(warmup, idleWarmup, echoDuration, duration, echoConnections, connections,
                fanoutConnections, fanoutPublishers, fanoutLinesPerSec, churnConnections, churnRatePerSec,
                backendConnections, backendWork);
    }
}
