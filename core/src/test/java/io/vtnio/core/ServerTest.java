package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTest {

    @Test
    void closeStopsWithAOneSecondDrain() throws Exception {
        List<Duration> stops = new ArrayList<>();
        Server server = new Server() {
            @Override
            public void start() {
            }

            @Override
            public List<InetSocketAddress> localAddresses() {
                return List.of();
            }

            @Override
            public void stop(Duration drainTimeout) {
                stops.add(drainTimeout);
            }

            @Override
            public ServerMetrics metrics() {
                return new ServerMetrics();
            }
        };
        try (server) {
            assertEquals(List.of(), stops);
        }
        assertEquals(List.of(Duration.ofSeconds(1)), stops);
    }
}
