package io.vtnio.loadgen.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a sweep of offered load measured, the {@code sweep} object of the {@code --json} summary:
 * its steps in the order run, the capacity at the objective of {@code --slo} (null without one),
 * and why the planned steps ended early (null when they all ran).
 *
 * <p>Threading: immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepResult(List<SweepStep> steps, Capacity capacity, String stoppedEarly) {

    public SweepResult {
        steps = List.copyOf(steps);
    }

    /** This sweep with other steps (the same steps, refigured). */
    public SweepResult withSteps(List<SweepStep> refigured) {
        return new SweepResult(refigured, capacity, stoppedEarly);
    }
}
