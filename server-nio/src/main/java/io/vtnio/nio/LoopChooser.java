package io.vtnio.nio;

import java.util.List;

/**
 * Picks the loop for each new connection, round-robin, as Netty's event-executor chooser does.
 *
 * <p>Threading: used only by loop 0, where every acceptor lives.
 */
final class LoopChooser {

    private final List<EventLoop> loops;
    private int next;

    LoopChooser(List<EventLoop> loops) {
        this.loops = List.copyOf(loops);
    }

    EventLoop next() {
        EventLoop loop = loops.get(next);
        next = next + 1 == loops.size() ? 0 : next + 1;
        return loop;
    }
}
