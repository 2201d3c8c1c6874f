package io.vtnio.core;

import java.util.concurrent.CountDownLatch;

/**
 * Turns SIGTERM and SIGINT into a request for a graceful stop, which {@link ServerMain}'s main
 * thread carries out once the server has started, after which the process exits with 0.
 * {@link ServerMain} installs it before the first port is bound, so a signal from the first
 * instant a client can connect is a graceful stop; one that comes while {@link Server#start} runs
 * waits for start to finish (or fail), and stop never races start.
 *
 * <p>Why handlers and not only a shutdown hook: a hook runs once the JVM has already begun to
 * exit, and the exit code is then the JVM's (143 for SIGTERM, 130 for SIGINT) however clean the
 * drain was. {@code sun.misc.Signal} (module {@code jdk.unsupported}, kept open for exactly this
 * use) lets the main thread stop the server and return 0. A shutdown hook stays for the other
 * ways out (SIGHUP, {@code System.exit} elsewhere, a runtime without {@code jdk.unsupported}): it
 * requests the stop and holds the JVM until the main thread has finished it, and the exit code is
 * the JVM's (129 for SIGHUP). A JVM run with {@code -Xrs} refuses the handlers and runs no hook
 * on a signal either: SIGTERM then ends it at once, as it always did.
 *
 * <pre>{@code
 * StopSignal stopSignal = StopSignal.install();
 * try {
 *     server.start();
 *     stopSignal.awaitRequest();
 *     server.stop(drainTimeout);
 * } finally {
 *     stopSignal.finished();
 * }
 * }</pre>
 *
 * <p>Public for the contestants module's framework servers, which stop the same way.
 *
 * <p>Threading: {@link #install} once; signal-handler threads and the hook request the stop; the
 * main thread calls {@link #awaitRequest} and {@link #finished}.
 */
public final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private StopSignal() {
    }

    /** Installs the SIGTERM and SIGINT handlers and the fallback shutdown hook. */
    public static StopSignal install() {
        StopSignal stopSignal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopSignal.requested.countDown();
            try {
                stopSignal.finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vtnio-graceful-stop"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stopSignal.requested.countDown());
            } catch (IllegalArgumentException | LinkageError e) {
                // -Xrs, or no jdk.unsupported in this runtime: only the shutdown hook is left.
            }
        }
        return stopSignal;
    }

    /** Blocks until a signal (or the JVM's shutdown) asks for the stop. */
    public void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Tells a waiting shutdown hook that the stop is done and the JVM may exit; call it always. */
    public void finished() {
        finished.countDown();
    }
}
