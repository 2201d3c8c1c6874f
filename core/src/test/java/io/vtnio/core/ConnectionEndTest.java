package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class ConnectionEndTest {

    private static final ConnectionEnd.Owed PARTIAL_LINE = new ConnectionEnd.Owed(9, 0, false);
    private static final ConnectionEnd.Owed UNSENT_REPLY = new ConnectionEnd.Owed(0, 12, false);
    private static final ConnectionEnd.Owed WORK_RUNNING = new ConnectionEnd.Owed(0, 0, true);

    @Test
    void aResetOwingNothingIsAClientResetWhateverTheJdkCallsIt() {
        for (IOException reset : new IOException[] {new SocketException("Connection reset"),
                new IOException("Connection reset by peer"),
                new IOException("An existing connection was forcibly closed by the remote host")}) {
            assertEquals(ConnectionEnd.CLIENT_RESET, ConnectionEnd.afterFailure(reset, ConnectionEnd.Owed.NOTHING),
                    reset.getMessage());
            assertEquals(false, ConnectionEnd.CLIENT_RESET.countsAsError());
        }
    }

    @Test
    void aResetOwingAnythingIsAFault() {
        SocketException reset = new SocketException("Connection reset");
        for (ConnectionEnd.Owed owed : new ConnectionEnd.Owed[] {PARTIAL_LINE, UNSENT_REPLY, WORK_RUNNING}) {
            assertEquals(ConnectionEnd.FAULT, ConnectionEnd.afterFailure(reset, owed), owed.toString());
        }
        assertEquals(true, ConnectionEnd.FAULT.countsAsError());
    }

    @Test
    void otherFailuresAreFaultsEvenOwingNothing() {
        for (Throwable failure : new Throwable[] {new IOException("Broken pipe"), new IOException((String) null),
                new SocketException("Connection timed out"), new IllegalStateException("Connection reset")}) {
            assertEquals(ConnectionEnd.FAULT, ConnectionEnd.afterFailure(failure, ConnectionEnd.Owed.NOTHING),
                    String.valueOf(failure));
        }
    }
}
