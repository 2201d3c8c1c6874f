package io.vtnio.loadgen.client;

import io.vtnio.loadgen.wire.ChatLine;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the chat connections of one process share: how many publishers the whole run has
 * (over all processes), which of them publish from this process, and how many lines each of
 * those finally sent, so receivers know when they have them all.
 *
 * <p>Publisher ids are global: this process owns {@code [firstOwn, firstOwn + ownCount)}. Lines of
 * other processes' publishers are checked for order from the first one seen, but their times
 * come from another clock, so they are neither timed nor counted.
 *
 * <p>Threading: {@link #publishFinalCount} from the publisher's loop thread, reads from any loop
 * thread (an atomic array: a count, once set, is final).
 */
public final class ChatBoard {

    private final int totalPublishers;
    private final int firstOwn;
    private final int ownCount;
    private final ChatLine line;
    private final AtomicLongArray finalCounts;

    public ChatBoard(int totalPublishers, int firstOwn, int ownCount, ChatLine line) {
        this.totalPublishers = totalPublishers;
        this.firstOwn = firstOwn;
        this.ownCount = ownCount;
        this.line = line;
        this.finalCounts = new AtomicLongArray(ownCount);
        for (int i = 0; i < ownCount; i++) {
            finalCounts.set(i, -1);
        }
    }

    int totalPublishers() {
        return totalPublishers;
    }

    int firstOwn() {
        return firstOwn;
    }

    int ownCount() {
        return ownCount;
    }

    ChatLine line() {
        return line;
    }

    boolean isOwn(int publisher) {
        return publisher >= firstOwn && publisher < firstOwn + ownCount;
    }

    /** The publisher stopped after {@code lines} lines; first call wins. */
    void publishFinalCount(int publisher, long lines) {
        finalCounts.compareAndSet(publisher - firstOwn, -1, lines);
    }

    /** Lines an own publisher sent in all, or -1 while it is still sending. */
    long finalCount(int publisher) {
        return finalCounts.get(publisher - firstOwn);
    }
}
