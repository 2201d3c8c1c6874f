package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The capacity a sweep found at a latency objective ({@code --slo}): the highest offered rate
 * below the first failing step whose achieved rate was within 1% of it, with no errors and the
 * latency within the objective, after bisecting between that step and the first that failed.
 *
 * @param objective          the objective, as {@code p99=5ms}
 * @param perSec             the capacity; null when even the first step failed
 * @param firstFailingPerSec the lowest rate above the capacity that failed; null when none failed
 *                           (the capacity is then at least the highest rate swept)
 * @param note               one line on how to read it
 *
 * <p>Threading: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Capacity(String objective, Double perSec, Double firstFailingPerSec, String note) {
}
