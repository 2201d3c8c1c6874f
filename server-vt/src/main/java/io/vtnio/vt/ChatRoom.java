package io.vtnio.vt;

import io.vtnio.core.Protocol;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one chat every connection of a chat-mode server joins. A broadcast puts the line into
 * every member's {@link ChatOutbox} while holding one lock, so all members receive all lines in
 * the same order: the order in which broadcasters took the lock. Holding the lock is cheap
 * because {@link ChatOutbox#offer} never blocks; a slow member is dropped, never waited for.
 *
 * <p>A {@link ReentrantLock} rather than {@code synchronized}: on JDK 21 a virtual thread
 * blocked on a monitor pins its carrier, and every member's reader contends for this lock.
 *
 * <p>Threading: every method may be called from any thread; broadcasts run on the members'
 * reader threads.
 */
final class ChatRoom {

    private final ReentrantLock order = new ReentrantLock();
    private final Set<ChatOutbox> members = new LinkedHashSet<>();

    /** From now on the member receives every line broadcast after this call returns. */
    void join(ChatOutbox member) {
        order.lock();
        try {
            members.add(member);
        } finally {
            order.unlock();
        }
    }

    /** The member receives no further lines; calling it again does nothing. */
    void leave(ChatOutbox member) {
        order.lock();
        try {
            members.remove(member);
        } finally {
            order.unlock();
        }
    }

    /** Delivers {@code line + "\n"} to every member, the sender included. */
    void broadcast(byte[] bytes, int offset, int length) {
        // One copy shared by every member: the decoder's array is reused after this call.
        byte[] message = Protocol.line(bytes, offset, length);
        order.lock();
        try {
            for (Iterator<ChatOutbox> it = members.iterator(); it.hasNext(); ) {
                if (!it.next().offer(message)) {
                    it.remove();
                }
            }
        } finally {
            order.unlock();
        }
    }
}
