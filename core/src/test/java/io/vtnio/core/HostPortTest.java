package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @Test
    void ipv4IsTheDottedAddressAndPort() throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        assertEquals("127.0.0.1:8001", HostPort.format(new InetSocketAddress(address, 8001)));
    }

    @Test
    void ipv6IsBracketedSoThePortFollowsTheLastColon() throws UnknownHostException {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        InetAddress address = InetAddress.getByAddress(loopback);
        String formatted = HostPort.format(new InetSocketAddress(address, 8001));
        assertEquals("[0:0:0:0:0:0:0:1]:8001", formatted);
        assertEquals("8001", formatted.substring(formatted.lastIndexOf(':') + 1));
    }

    @Test
    void aResolvedHostNameIsPrintedAsItsNumericAddress() throws UnknownHostException {
        InetAddress named = InetAddress.getByAddress("example.invalid", new byte[] {10, 1, 2, 3});
        assertEquals("10.1.2.3:80", HostPort.format(new InetSocketAddress(named, 80)));
    }

    @Test
    void anUnresolvedAddressKeepsItsHostName() {
        assertEquals("example.invalid:9000",
                HostPort.format(InetSocketAddress.createUnresolved("example.invalid", 9000)));
    }

    @Test
    void portZeroIsPrintedAsIs() throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(new byte[] {0, 0, 0, 0});
        assertEquals("0.0.0.0:0", HostPort.format(new InetSocketAddress(address, 0)));
    }

    @Test
    void aHostAsGivenIsBracketedOnlyWhenItIsAnIpv6Literal() {
        assertEquals("127.0.0.1:8001", HostPort.format("127.0.0.1", 8001));
        assertEquals("[::1]:8001", HostPort.format("::1", 8001));
        assertEquals("[::1]:8001", HostPort.format("[::1]", 8001));
        assertEquals("localhost:8001", HostPort.format("localhost", 8001));
    }

    @Test
    void parseReadsWhatFormatWrites() {
        InetSocketAddress v4 = HostPort.parse("127.0.0.1:8001");
        assertEquals("127.0.0.1", v4.getHostString());
        assertEquals(8001, v4.getPort());
        InetSocketAddress v6 = HostPort.parse("[::1]:9000");
        assertEquals("::1", v6.getHostString());
        assertEquals(9000, v6.getPort());
        assertEquals("localhost:1", HostPort.format(HostPort.parse("localhost:1")));
        assertEquals(65_535, HostPort.parse("localhost:65535").getPort());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "8001           | HOST:PORT expected, got '8001'",
        "host:          | HOST:PORT expected, got 'host:'",
        ":8001          | HOST:PORT expected, got ':8001'",
        "::1:8001       | HOST:PORT expected, got '::1:8001' (write an IPv6 address in brackets: [::1]:8001)",
        "host:http      | HOST:PORT: 'http' is not a port number",
        "host:0         | HOST:PORT: the port must be 1..65535, got 0",
        "host:65536     | HOST:PORT: the port must be 1..65535, got 65536",
    })
    void parseSaysWhatIsWrong(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostPort.parse(text));
        assertEquals(message, e.getMessage());
    }
}
