package io.vtnio.compare.verify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's C reference echo server ({@code tools/c/ref-echo-server.c}), compiled with
 * {@code cc} into a test's temporary directory and run on a free loopback port. A machine without
 * {@code cc} skips the test that needs it, saying so.
 *
 * <p>Threading: start and close from the test thread.
 */
final class ReferenceServer implements AutoCloseable {

    static final Path SOURCE = Path.of("..", "tools", "c", "ref-echo-server.c");

    private final Process process;
    private final int port;

    private ReferenceServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Compiles the server into {@code dir}; skips the calling test when there is no {@code cc}. */
    static Path build(Path dir) throws IOException, InterruptedException {
        assumeTrue(ccWorks(), "no working 'cc' on PATH: the C reference server cannot be built here");
        Path binary = dir.resolve("ref-echo-server");
        Process cc = new ProcessBuilder("cc", "-O2", "-o", binary.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes());
        if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
            throw new IOException("cc failed to build " + SOURCE + ": " + output);
        }
        return binary;
    }

    /** Starts {@code binary} on a free port and waits until it accepts a connection. */
    static ReferenceServer start(Path binary) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(binary.toString(), Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ReferenceServer server = new ReferenceServer(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("the reference server did not listen on " + port, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    int port() {
        return port;
    }

    private static boolean ccWorks() {
        try {
            Process cc = new ProcessBuilder("cc", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return cc.waitFor(10, TimeUnit.SECONDS) && cc.exitValue() == 0 && Files.exists(SOURCE);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
