package io.vtnio.vt;

import io.vtnio.core.ConnectionEnd;
import io.vtnio.core.Protocol;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;

/**
 * Hello mode, the blocking way: writes the greeting line and closes, without reading anything. The output side is
 * shut before closing so the greeting is followed by FIN, not left to the close.
 *
 * <p>Threading: runs on the connection's thread.
 */
final class Hello extends ConnectionSession {

    private final byte[] greetingLine;
    private final ServerMetrics metrics;
    private boolean greeted;

    /** @param greetingLine the greeting with its newline ({@link Protocol#line}); shared, never modified */
    Hello(Connection connection, byte[] greetingLine, ServerMetrics metrics) {
        super(connection);
        this.greetingLine = greetingLine;
        this.metrics = metrics;
    }

    @Override
    void serve() throws IOException {
        connection.finish();
        connection.output().write(greetingLine);
        greeted = true;
        metrics.messagesOut(1);
        metrics.bytesOut(greetingLine.length);
        connection.shutdownOutput();
        connection.close();
    }

    /** The greeting is the whole debt; once the socket took it, a reset is a normal close. */
    @Override
    ConnectionEnd.Owed owed() {
        return greeted ? ConnectionEnd.Owed.NOTHING : new ConnectionEnd.Owed(0, greetingLine.length, false);
    }
}
