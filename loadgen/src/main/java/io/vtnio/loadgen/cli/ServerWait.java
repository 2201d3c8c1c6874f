package io.vtnio.loadgen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * {@code --wait-for-server}: waits until a server accepts a connection, so a generator started
 * beside a server that is still coming up (a JVM takes a second to listen) need not be started
 * after it. The probe connects, shuts its output and reads to the end before it closes, the way
 * a polite client leaves (the server closes a half-closed connection once it owes nothing; a
 * greeting it sent is read, not answered with a reset): the server sees one short, clean
 * connection before the run's own.
 *
 * <p>Threading: called once, on the command's thread, before the run starts.
 */
final class ServerWait {

    /** Pause between refused connects: a server's listening is awaited to within this. */
    private static final Duration RETRY = Duration.ofMillis(20);
    /** Longest wait for the server to close the probe after its half-close. */
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(1);

    private ServerWait() {
    }

    /**
     * @param timeout at most this long, more than zero
     * @return whether a connect to {@code target} succeeded before the time ran out
     */
    static boolean accepts(InetSocketAddress target, Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return false;
            }
            try (Socket probe = new Socket()) {
                probe.connect(target, (int) Math.min(leftMs, Integer.MAX_VALUE));
                if (probe.getLocalPort() != target.getPort() || !probe.getLocalAddress().equals(target.getAddress())) {
                    leave(probe);
                    return true;
                }
                // Connected to itself (a TCP simultaneous open on a port in the ephemeral range): no server yet.
            } catch (IOException refused) {
                // not listening yet
            }
            Thread.sleep(RETRY);
        }
    }

    private static void leave(Socket probe) {
        try {
            probe.shutdownOutput();
            probe.setSoTimeout((int) LEAVE_TIMEOUT.toMillis());
            InputStream in = probe.getInputStream();
            byte[] sink = new byte[256];
            while (in.read(sink) >= 0) {
                // a greeting, or nothing: the server closes its side
            }
        } catch (IOException e) {
            // The server took the connection; how it ended it does not matter to the wait.
        }
    }
}
