package io.vtnio.compare.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void mediansTakeTheMiddleOrTheMeanOfTheMiddleTwo() {
        assertEquals(2.0, Medians.median(List.of(3.0, 1.0, 2.0), x -> x));
        assertEquals(2.5, Medians.median(List.of(4.0, 1.0, 2.0, 3.0), x -> x));
    }
}
