package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default {@code --max-connections} and how the server explains it, under pretend limits. */
class ServerOptionsTest {

    @ParameterizedTest(name = "descriptor limit {0}: {1} connections by default")
    @CsvSource({
        "1024,    960",   // a common soft limit: the 64-descriptor reserve
        "20000,   16384", // the benchmark machines: 19,000 capped
        "17300,   16384", // 5% reserve: 16,435 capped
        "17000,   16150", // 5% reserve: 850
        "1048576, 16384", // many containers: capped
        "128,     64",
        "65,      1",
        "64,      1",     // no room left: still one connection, never zero
        "1,       1",
        "0,       16384", // not a limit the platform could mean: unknown
    })
    void defaultIsTheDescriptorLimitLessAReserveAtMostTheCap(long limit, int expected) {
        assertEquals(expected, ServerOptions.defaultMaxConnections(OptionalLong.of(limit)));
    }

    @Test
    void defaultIsTheCapWhereTheLimitIsUnknown() {
        assertEquals(Protocol.DEFAULT_MAX_CONNECTIONS, ServerOptions.defaultMaxConnections(OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0} connections, explicit {1}, limit {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "960   | false | 1024    | max connections 960 (descriptor limit 1024 less 64 in reserve)",
        "16150 | false | 17000   | max connections 16150 (descriptor limit 17000 less 850 in reserve)",
        "16384 | false | 20000   | max connections 16384 (descriptor limit 20000, at most 16384)",
        "16384 | false | 1048576 | max connections 16384 (descriptor limit 1048576, at most 16384)",
        "16384 | false |         | max connections 16384 (descriptor limit unknown, at most 16384)",
        "16384 | false | 0       | max connections 16384 (descriptor limit unknown, at most 16384)",
        "500   | true  | 20000   | max connections 500 (--max-connections; descriptor limit 20000)",
        "50000 | true  | 20000   | max connections 50000 (--max-connections; descriptor limit 20000)",
        "500   | true  |         | max connections 500 (--max-connections; descriptor limit unknown)",
    })
    void theStartLineSaysWhatWasChosenAndWhy(int chosen, boolean explicit, Long limit, String expected) {
        OptionalLong descriptorLimit = limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
        assertEquals(expected, ServerOptions.describeMaxConnections(chosen, explicit, descriptorLimit));
    }
}
