package io.vtnio.compare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScalingStepsTest {

    private static final String TASKSET = "/usr/bin/taskset";

    @Test
    void scalingGoesByPowersOfTwoToHalfTheCpusAndEndsAtHalf() {
        assertEquals(List.of(1), ScalingSteps.serverCounts(1));
        assertEquals(List.of(1), ScalingSteps.serverCounts(3));
        assertEquals(List.of(1, 2, 4, 6), ScalingSteps.serverCounts(12));
        assertEquals(List.of(1, 2, 4, 8, 16, 32), ScalingSteps.serverCounts(64));
        assertEquals("server CPUs 1, 2, 4, 8: this process may use 16 CPUs (0-15) and the generator keeps at least "
                + "as many CPUs as the server", ScalingSteps.of(IntStream.rangeClosed(0, 15).boxed().toList(), TASKSET, true).explanation());
    }
}
