package io.vtnio.loadgen.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The source address and port each persistent connection binds before it connects, chosen here
 * rather than by the kernel. Asked for port 0, Linux searches the ephemeral range for a free port
 * on every {@code connect} (or {@code bind}); past about half the range (14,000 of this machine's
 * 28,232 ports) the search scans the whole range for each socket, and connects slow from
 * thousands a second to about a hundred. Here connection {@code i} gets its own port from
 * {@code /proc/sys/net/ipv4/ip_local_port_range} at once, so the kernel only checks one port.
 *
 * <p>Addresses: with {@code --bind}, connection {@code i} uses address {@code i mod n} of the
 * list and slot {@code i / n} of its ports. Without it, for an IPv4 loopback target, the
 * connections fill {@value #LOOPBACK_SHARE_PERCENT}% of the range on 127.0.0.2, then on
 * 127.0.0.3, and so on across 127.0.0.0/8 (every one of those is this machine): the rest of each
 * range stays for {@link #retry}. Not 127.0.0.1: every other program's connects come from there,
 * and the TIME_WAIT they leave (27,000 of them on this shared machine during one measurement,
 * from sockets without {@code SO_REUSEADDR}) makes a chosen port there fail to bind. Since the choice depends only
 * on the connection's index over the whole run, the processes of {@code --processes} and the
 * shards of {@code --shard} never pick the same pair. Another target without {@code --bind}
 * binds the wildcard address with a chosen port.
 *
 * <p>Where the range cannot be read (not Linux) {@link #none} leaves every choice to the
 * kernel, as before.
 *
 * <p>Threading: immutable; {@link #retry} uses a thread-local random; share freely.
 */
public final class SourcePorts {

    static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Share of each loopback address's range these connections take before moving to the next address. */
    static final int LOOPBACK_SHARE_PERCENT = 50;

    private final int lowPort;
    private final int portCount;
    private final List<InetAddress> bindAddresses;
    private final boolean spreadOverLoopback;

    private SourcePorts(int lowPort, int portCount, List<InetAddress> bindAddresses, boolean spreadOverLoopback) {
        this.lowPort = lowPort;
        this.portCount = portCount;
        this.bindAddresses = bindAddresses;
        this.spreadOverLoopback = spreadOverLoopback;
    }

    /** Leaves the port to the kernel: connections bind their {@code --bind} address with port 0, or nothing. */
    public static SourcePorts none() {
        return new SourcePorts(0, 0, List.of(), false);
    }

    /** For {@code addresses}, with this machine's ephemeral range; {@link #none} where it cannot be read. */
    public static SourcePorts of(TargetAddresses addresses) {
        int[] range = readRange(PORT_RANGE);
        return range == null ? none() : of(addresses, range[0], range[1]);
    }

    /** For {@code addresses}, with ports {@code lowPort..highPort}. */
    static SourcePorts of(TargetAddresses addresses, int lowPort, int highPort) {
        boolean loopbackV4 = addresses.targets().stream()
                .allMatch(t -> t.getAddress() instanceof Inet4Address a && a.isLoopbackAddress());
        return new SourcePorts(lowPort, highPort - lowPort + 1, addresses.bindAddresses(),
                addresses.bindAddresses().isEmpty() && loopbackV4);
    }

    /** {@code low high} from the range file, or null if it cannot be read or makes no sense. */
    static int[] readRange(Path file) {
        // Not Files.readString: it trusts the size /proc reports and reads "3" of "32768 60999".
        try (InputStream in = Files.newInputStream(file)) {
            String[] fields = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            int low = Integer.parseInt(fields[0]);
            int high = Integer.parseInt(fields[1]);
            return low >= 1 && high <= 65_535 && low < high ? new int[] {low, high} : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when this chooses ports; false when the kernel does. */
    boolean choosesPorts() {
        return portCount > 0;
    }

    /** Connections one loopback address takes before the next address is used. */
    int perLoopbackAddress() {
        return Math.max(1, portCount * LOOPBACK_SHARE_PERCENT / 100);
    }

    /**
     * Where connection {@code index} (over the whole run) binds: a chosen address and port, or,
     * when ports are not chosen, its {@code --bind} address with port 0, or null for no bind.
     */
    InetSocketAddress source(int index) {
        if (!choosesPorts()) {
            return bindAddresses.isEmpty() ? null
                    : new InetSocketAddress(bindAddresses.get(Math.floorMod(index, bindAddresses.size())), 0);
        }
        if (!bindAddresses.isEmpty()) {
            int n = bindAddresses.size();
            return new InetSocketAddress(bindAddresses.get(Math.floorMod(index, n)), lowPort + (index / n) % portCount);
        }
        if (spreadOverLoopback) {
            int per = perLoopbackAddress();
            return new InetSocketAddress(loopback(index / per), lowPort + index % per);
        }
        return new InetSocketAddress(lowPort + index % portCount);
    }

    /** After {@code failed} was taken: another port of the range on the same address. */
    InetSocketAddress retry(InetSocketAddress failed) {
        if (!choosesPorts()) {
            return failed;
        }
        return new InetSocketAddress(failed.getAddress(), lowPort + ThreadLocalRandom.current().nextInt(portCount));
    }

    /** 127.0.0.2 for 0, then 127.0.0.3 and on, through 127.255.255.254. */
    static InetAddress loopback(int number) {
        int host = 2 + Math.floorMod(number, (1 << 24) - 3);
        byte[] bytes = {127, (byte) (host >>> 16), (byte) (host >>> 8), (byte) host};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an address", e);
        }
    }
}
