package io.vtnio.compare.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A line-echo server that is wrong on purpose, for verify to catch: a wrong suffix, replies to
 * the lines of one read in reverse order, or no reply to the third line of each connection.
 * Otherwise it is right enough: it drops the {@code \r} before a {@code \n}, answers a line too
 * long with {@code ERR line too long} and closes, and closes after a half-close once it has
 * answered. Blocking sockets, one virtual thread per connection, a free loopback port.
 *
 * <p>Threading: start and close from the test thread; connections on their own virtual threads.
 */
final class WrongEchoServer implements AutoCloseable {

    enum Fault { WRONG_SUFFIX, REORDERS, DROPS_THIRD_REPLY }

    private static final int MAX_LINE = 65_536;

    private final Fault fault;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    WrongEchoServer(Fault fault) throws IOException {
        this.fault = fault;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2_000);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            }
        } catch (IOException closed) {
            // The test is over.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] suffix = (fault == Fault.WRONG_SUFFIX ? "女" : "好").getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long lines = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                List<byte[]> replies = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        line.write(buffer[i]);
                        // One byte past the limit may still be the \r of a legal line; two never are.
                        if (line.size() > MAX_LINE + 1 || line.size() == MAX_LINE + 1 && buffer[i] != '\r') {
                            out.write("ERR line too long\n".getBytes(StandardCharsets.US_ASCII));
                            return;
                        }
                        continue;
                    }
                    byte[] message = line.toByteArray();
                    line.reset();
                    int length = message.length > 0 && message[message.length - 1] == '\r'
                            ? message.length - 1 : message.length;
                    if (length > MAX_LINE) {
                        out.write("ERR line too long\n".getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                    if (++lines == 3 && fault == Fault.DROPS_THIRD_REPLY) {
                        continue;
                    }
                    ByteArrayOutputStream reply = new ByteArrayOutputStream();
                    reply.write(message, 0, length);
                    reply.write(suffix);
                    reply.write('\n');
                    replies.add(reply.toByteArray());
                }
                if (fault == Fault.REORDERS) {
                    Collections.reverse(replies);
                }
                for (byte[] reply : replies) {
                    out.write(reply);
                }
            }
        } catch (IOException gone) {
            // The client left.
        } finally {
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
