package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

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
}
