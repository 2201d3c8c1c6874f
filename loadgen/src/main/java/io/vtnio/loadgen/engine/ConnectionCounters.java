package io.vtnio.loadgen.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections open right now, connections ever established and those of them that replaced a
 * failed one, over all loops of a run, for the progress line, the report and for deciding that a
 * target cannot be reached at all.
 *
 * <p>Threading: updated by loop threads when a connection opens or closes (not per message),
 * read by the reporter.
 */
public final class ConnectionCounters {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong established = new AtomicLong();
    private final AtomicLong reopened = new AtomicLong();
    private volatile boolean anyGreeted;

    void opened() {
        open.incrementAndGet();
        established.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** One of the connections established was a failed one's replacement ({@code PersistentConnections}). */
    public void countReopened() {
        reopened.incrementAndGet();
    }

    /** A hello attempt got its greeting; written once, so the churn does not contend on it. */
    public void greeted() {
        if (!anyGreeted) {
            anyGreeted = true;
        }
    }

    /** True once any hello attempt of the run was greeted: the server is a hello server. */
    public boolean anyGreeted() {
        return anyGreeted;
    }

    public int open() {
        return open.get();
    }

    public long established() {
        return established.get();
    }

    public long reopened() {
        return reopened.get();
    }
}
