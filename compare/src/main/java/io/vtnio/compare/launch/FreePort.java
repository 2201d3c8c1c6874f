package io.vtnio.compare.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free loopback port for a server that is told its port, picked below the kernel's ephemeral
 * range: a client that connects before the server listens (a generator waiting for it, a
 * reconnect while it restarts) can then never be given that same port as its source and connect
 * to itself (a TCP simultaneous open), which would hold the port the server needs.
 *
 * <p>Threading: any thread.
 */
public final class FreePort {

    private static final int LOWEST = 10_000;

    private FreePort() {
    }

    public static int pick() throws IOException {
        int low = ephemeralLow();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, low);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket any = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return any.getLocalPort();
        }
    }

    /** The lowest ephemeral port, from Linux's procfs, else the IANA default. */
    private static int ephemeralLow() {
        int low = 32_768;
        try {
            // Line by line: some kernels report a size for procfs files that cuts a whole-file read short.
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst()
                    .trim().split("\\s+");
            low = Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            // Not Linux: keep the IANA default.
        }
        return low < LOWEST + 1_000 || low > 65_535 ? 32_768 : low;
    }
}
