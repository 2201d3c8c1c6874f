package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource({
        "500ns, 500",
        "250us, 250000",
        "250µs, 250000",
        "2ms, 2000000",
        "1.5s, 1500000000",
        "10, 10000000000",
        "3m, 180000000000",
        "1h, 3600000000000",
        "0s, 0",
        "' 2 MS ', 2000000",
    })
    void parsesTheUnitsPeopleType(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), HumanDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "-1s", "2 parsecs", "ms", "1.s", "1e3ms"})
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(text));
        assertTrue(e.getMessage().contains("not a duration"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999h", "9300000000000000000ns", "9223372037s"})
    void rejectsDurationsBeyondLongNanos(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(text));
        assertEquals("'" + text + "' is too long a duration", e.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource({
        "9223372036854775807ns, 9223372036854775807",
        "9223372036s, 9223372036000000000",
    })
    void acceptsDurationsUpToLongNanos(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), HumanDuration.parse(text));
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource({
        "5000000000, 5s",
        "2000000, 2ms",
        "1500000, 1500us",
        "250000, 250us",
        "7, 7ns",
        "0, 0s",
    })
    void formatsTheShortestExactForm(long nanos, String text) {
        assertEquals(text, HumanDuration.format(Duration.ofNanos(nanos)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5s", "2ms", "1500us", "7ns"})
    void formatThenParseIsIdentity(String text) {
        assertEquals(text, HumanDuration.format(HumanDuration.parse(text)));
    }
}
