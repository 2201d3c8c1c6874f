package io.vtnio.nio;

import io.vtnio.core.Protocol;
import java.io.IOException;

/**
 * Hello mode, the selector way: as a connection starts, its greeting line is sent as the last
 * thing it will ever send and the connection is FINISHING, so it closes once the socket has
 * taken the line, without reading anything.
 *
 * <p>Threading: stateless; called on the connection's loop.
 */
final class Hello {

    private Hello() {
    }

    /** Sends the greeting ({@link Protocol#line}, shared, never written into) and finishes. */
    static void greet(Connection connection, ServerContext context) throws IOException {
        connection.finishWith(context.greetingLine());
    }
}
