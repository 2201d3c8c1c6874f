package io.vtnio.vt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConnectionThreadsTest {

    @Test
    void platformMakesNumberedPlatformDaemonThreadsNamedPt() {
        ThreadFactory factory = ConnectionThreads.PLATFORM.factory("conn");

        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });

        assertFalse(first.isVirtual());
        assertTrue(first.isDaemon(), "a thread stuck in a write must not hold up a forced stop");
        assertEquals("pt-conn-0", first.getName());
        assertEquals("pt-conn-1", second.getName());
        assertEquals("pt", ConnectionThreads.PLATFORM.prefix());
    }

    @Test
    void virtualMakesNumberedVirtualThreadsNamedVt() {
        ThreadFactory factory = ConnectionThreads.VIRTUAL.factory("chat-writer");

        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });

        assertTrue(first.isVirtual());
        assertEquals("vt-chat-writer-0", first.getName());
        assertEquals("vt-chat-writer-1", second.getName());
        assertEquals("vt", ConnectionThreads.VIRTUAL.prefix());
    }

    @Test
    void eachRoleCountsOnItsOwn() {
        ConnectionThreads.PLATFORM.factory("conn").newThread(() -> { });
        Thread refusal = ConnectionThreads.PLATFORM.factory("refusal").newThread(() -> { });

        assertEquals("pt-refusal-0", refusal.getName());
    }

    @Test
    @Timeout(10)
    void theThreadsRunTheirTask() throws InterruptedException {
        for (ConnectionThreads kind : ConnectionThreads.values()) {
            CountDownLatch ran = new CountDownLatch(1);
            boolean[] virtual = new boolean[1];
            Thread thread = kind.factory("conn").newThread(() -> {
                virtual[0] = Thread.currentThread().isVirtual();
                ran.countDown();
            });
            thread.start();
            assertTrue(ran.await(5, TimeUnit.SECONDS), kind.name());
            thread.join();
            assertEquals(kind == ConnectionThreads.VIRTUAL, virtual[0], kind.name());
        }
    }
}
