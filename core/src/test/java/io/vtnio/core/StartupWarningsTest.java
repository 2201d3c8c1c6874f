package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StartupWarningsTest {

    private static final OptionalLong PLENTY = OptionalLong.of(1_000_000);

    @ParameterizedTest(name = "{0} is all interfaces")
    @ValueSource(strings = {"0.0.0.0", "::", "0:0:0:0:0:0:0:0"})
    void wildcardAddressGetsOneWarningLineNamingIt(String host) {
        List<String> warnings = StartupWarnings.of("vt", List.of(new InetSocketAddress(host, 8001)), 100, PLENTY);
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.contains("WARNING: listening on all interfaces") && warning.contains(":8001")
                && warning.contains("not internet-facing") && !warning.contains("\n"), warning);
    }

    @ParameterizedTest(name = "{0} is not all interfaces")
    @ValueSource(strings = {"127.0.0.1", "::1", "127.0.0.2"})
    void specificAddressGetsNoWarning(String host) {
        assertEquals(List.of(), StartupWarnings.of("nio", List.of(new InetSocketAddress(host, 0)), 100, PLENTY));
    }

    @Test
    void oneWildcardAmongSeveralPortsIsEnough() {
        List<String> warnings = StartupWarnings.of("vt", List.of(new InetSocketAddress("127.0.0.1", 1),
                new InetSocketAddress("0.0.0.0", 2)), 100, PLENTY);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("0.0.0.0:2"), warnings.get(0));
    }

    @Test
    void maxConnectionsAtOrAboveTheDescriptorLimitGetsANote() {
        List<InetSocketAddress> loopback = List.of(new InetSocketAddress("127.0.0.1", 1));
        List<String> warnings = StartupWarnings.of("vt", loopback, 16_384, OptionalLong.of(1_024));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("--max-connections 16384") && warnings.get(0).contains("1024"),
                warnings.get(0));
        assertEquals(1, StartupWarnings.of("vt", loopback, 1_024, OptionalLong.of(1_024)).size(), "at the limit");
        assertEquals(List.of(), StartupWarnings.of("vt", loopback, 1_023, OptionalLong.of(1_024)));
        assertEquals(List.of(), StartupWarnings.of("vt", loopback, 16_384, OptionalLong.empty()));
    }

    @Test
    void descriptorLimitIsReadOnUnix() {
        if (System.getProperty("os.name").toLowerCase().contains("win")) {
            return;
        }
        assertTrue(StartupWarnings.descriptorLimit().orElse(0) > 0);
    }
}
