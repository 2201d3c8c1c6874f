package io.vtnio.loadgen.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Source ports chosen per connection, and a run that leaves no TIME_WAIT behind. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SourcePortsTest {

    @TempDir
    Path dir;

    private static TargetAddresses to(String host, String... binds) throws Exception {
        List<InetAddress> bindAddresses = new java.util.ArrayList<>();
        for (String bind : binds) {
            bindAddresses.add(InetAddress.getByName(bind));
        }
        return new TargetAddresses(List.of(new InetSocketAddress(InetAddress.getByName(host), 8001)), bindAddresses);
    }

    @Test
    void aLoopbackTargetFillsHalfOfEachAddressFrom127_0_0_2ThenMovesToTheNext() throws Exception {
        SourcePorts ports = SourcePorts.of(to("127.0.0.1"), 32768, 60999);
        assertEquals(14116, ports.perLoopbackAddress());
        assertEquals(new InetSocketAddress("127.0.0.2", 32768), ports.source(0));
        assertEquals(new InetSocketAddress("127.0.0.2", 32768 + 14115), ports.source(14115));
        assertEquals(new InetSocketAddress("127.0.0.3", 32768), ports.source(14116));
        assertEquals(new InetSocketAddress("127.0.0.4", 32769), ports.source(2 * 14116 + 1));
    }

    @Test
    void bindAddressesTakeConnectionsRoundRobinEachWithItsOwnPorts() throws Exception {
        SourcePorts ports = SourcePorts.of(to("127.0.0.1", "127.0.0.5", "127.0.0.6"), 40000, 40009);
        assertEquals(new InetSocketAddress("127.0.0.5", 40000), ports.source(0));
        assertEquals(new InetSocketAddress("127.0.0.6", 40000), ports.source(1));
        assertEquals(new InetSocketAddress("127.0.0.5", 40001), ports.source(2));
        InetSocketAddress retried = ports.retry(ports.source(3));
        assertEquals(InetAddress.getByName("127.0.0.6"), retried.getAddress());
        assertTrue(retried.getPort() >= 40000 && retried.getPort() <= 40009, retried::toString);
    }

    @Test
    void anotherTargetBindsTheWildcardAddressWithAChosenPort() throws Exception {
        SourcePorts ports = SourcePorts.of(to("192.0.2.1"), 40000, 40009);
        assertEquals(new InetSocketAddress(40003), ports.source(13));
    }

    @Test
    void withoutARangeTheKernelChooses() throws Exception {
        assertNull(SourcePorts.none().source(5));
        Path range = dir.resolve("range");
        Files.writeString(range, "32768\t60999\n");
        assertArrayEquals(new int[] {32768, 60999}, SourcePorts.readRange(range));
        Files.writeString(range, "nonsense");
        assertNull(SourcePorts.readRange(range));
        assertNull(SourcePorts.readRange(dir.resolve("missing")));
    }

    @Test
    void thisMachinesRangeIsRead() {
        assumeTrue(Files.isReadable(SourcePorts.PORT_RANGE), "Linux only");
        int[] range = SourcePorts.readRange(SourcePorts.PORT_RANGE);
        assertTrue(range != null && range[0] >= 1024 && range[1] - range[0] >= 1000, java.util.Arrays.toString(range));
    }

    @Test
    void loopbackAddressesCountAcrossOctets() {
        assertEquals("127.0.0.2", SourcePorts.loopback(0).getHostAddress());
        assertEquals("127.0.1.0", SourcePorts.loopback(254).getHostAddress());
    }
}
