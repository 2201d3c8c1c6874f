package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningLineTest {

    @Test
    void ipv4AddressesAreHostColonPortAndIpv6HostsAreBracketedSoThePortFollowsTheLastColon() throws Exception {
        String line = Server.listeningLine(List.of(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8001),
                new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8002),
                new InetSocketAddress(InetAddress.getByName("::1"), 8003),
                new InetSocketAddress(InetAddress.getByName("::"), 8004)));

        assertEquals("listening 127.0.0.1:8001 0.0.0.0:8002 [0:0:0:0:0:0:0:1]:8003 [0:0:0:0:0:0:0:0]:8004", line);
    }
}
