package io.vtnio.vt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the JDK set up the poller that virtual threads blocked on socket I/O wait in. The JDK
 * does that lazily, when the first virtual thread blocks, and it needs descriptors for it: if
 * that first block happens while a connection flood has used up every descriptor (EMFILE), the
 * poller's class fails to initialize and no virtual thread of this JVM can ever block on a socket
 * again. Blocking once at start-up, while descriptors are free, rules that out.
 *
 * <p>Threading: {@link #initialize} may be called from any thread, any number of times; after
 * the first success it is cheap but not free, so call it once per server start.
 */
final class VirtualThreadPoller {

    private VirtualThreadPoller() {
    }

    /** Blocks a virtual thread on a socket for about a millisecond, on a throwaway loopback port. */
    static void initialize() throws IOException {
        AtomicReference<IOException> failure = new AtomicReference<>();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            probe.setSoTimeout(1);
            Thread waiter = Thread.ofVirtual().name("vt-poller-init").start(() -> {
                try {
                    probe.accept().close();
                } catch (SocketTimeoutException expected) {
                    // The timed wait went through the poller, which is all we wanted.
                } catch (IOException e) {
                    failure.set(e);
                }
            });
            waiter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up the virtual-thread poller", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
