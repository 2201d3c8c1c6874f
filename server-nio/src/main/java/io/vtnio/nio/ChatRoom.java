package io.vtnio.nio;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Chat mode's one global order. Publishing puts one delivery task on every loop's queue, the
 * sender's own loop included, all under one lock: since each loop runs its queue in order, every
 * client on every loop sees the lines in the same order. Delivering on the sender's loop
 * straight away would be faster and would break that order.
 *
 * <p>A member whose pending outbound bytes exceed {@code --max-outbound} is a slow consumer and
 * is closed on the spot; delivery never waits for anyone.
 *
 * <p>Threading: {@link #publish} from any loop thread; {@link #deliver} runs on the loop it is
 * given, as that loop's task.
 */
final class ChatRoom {

    private final Object order = new Object();
    private final long maxOutboundBytes;
    private volatile List<EventLoop> loops = List.of();

    ChatRoom(long maxOutboundBytes) {
        this.maxOutboundBytes = maxOutboundBytes;
    }

    /** Called once at start, before any connection exists. */
    void open(List<EventLoop> allLoops) {
        loops = List.copyOf(allLoops);
    }

    /**
     * Sends {@code lines} (whole lines, each ending in a newline; never modified afterwards) to
     * every member. {@code sender} learns on its own loop when its lines have reached it.
     */
    void publish(byte[] lines, int lineCount, Connection sender) {
        synchronized (order) {
            for (EventLoop loop : loops) {
                loop.execute(() -> deliver(loop, lines, lineCount, sender));
            }
        }
    }

    private void deliver(EventLoop loop, byte[] lines, int lineCount, Connection sender) {
        LiveConnections members = loop.connections();
        // Backwards, because dropping a member swaps the last one into its slot.
        for (int i = members.size() - 1; i >= 0; i--) {
            Connection member = members.get(i);
            if (member.acceptsOutput()) {
                member.chat().deliver(ByteBuffer.wrap(lines), lineCount, maxOutboundBytes);
            }
        }
        if (sender.loop() == loop) {
            sender.chat().ownLinesDelivered();
        }
    }
}
