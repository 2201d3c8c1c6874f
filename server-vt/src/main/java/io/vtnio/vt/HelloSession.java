package io.vtnio.vt;

import io.vtnio.core.Protocol;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.util.Arrays;

/**
 * Hello mode: writes the greeting line and closes, without reading anything. The output side is
 * shut before closing so the greeting is followed by FIN, not left to the close.
 *
 * <p>Threading: runs on the connection's virtual thread.
 */
final class HelloSession extends ConnectionSession {

    private final byte[] greetingLine;
    private final ServerMetrics metrics;

    /** @param greetingLine the greeting with its newline; shared, never modified */
    HelloSession(Connection connection, byte[] greetingLine, ServerMetrics metrics) {
        super(connection);
        this.greetingLine = greetingLine;
        this.metrics = metrics;
    }

    /** The greeting followed by its newline, built once per server. */
    static byte[] greetingLine(byte[] greeting) {
        byte[] line = Arrays.copyOf(greeting, greeting.length + 1);
        line[greeting.length] = Protocol.NEWLINE;
        return line;
    }

    @Override
    void serve() throws IOException {
        connection.output().write(greetingLine);
        metrics.messagesOut(1);
        metrics.bytesOut(greetingLine.length);
        connection.shutdownOutput();
        connection.close();
    }
}
