package io.vtnio.nio;

import io.vtnio.core.Protocol;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Chat mode's intake: gathers the lines of one batch, each with its newline, into the loop's
 * output buffer and publishes them to the {@link ChatRoom} as one array, so a burst of lines
 * costs one trip through the global lock and one task per loop rather than one per line.
 *
 * <p>Threading: one per loop, confined to it.
 */
final class ChatPublisher extends MessageBatch {

    private final ByteBuffer staging;
    private final ChatRoom room;
    private int lines;

    ChatPublisher(ByteBuffer loopOutput, ChatRoom room) {
        this.staging = loopOutput;
        this.room = room;
    }

    @Override
    void onBegin() {
        staging.clear();
        lines = 0;
    }

    @Override
    void take(Connection connection, byte[] bytes, int offset, int length) {
        if (length + 1 > staging.remaining()) {
            publish(connection);
            if (length + 1 > staging.capacity()) {
                byte[] line = Arrays.copyOfRange(bytes, offset, offset + length + 1);
                line[length] = Protocol.NEWLINE;
                connection.chat().published();
                room.publish(line, 1, connection);
                return;
            }
        }
        staging.put(bytes, offset, length).put(Protocol.NEWLINE);
        lines++;
    }

    @Override
    void onEnd(Connection connection) {
        publish(connection);
    }

    private void publish(Connection sender) {
        if (lines > 0) {
            sender.chat().published();
            room.publish(Arrays.copyOf(staging.array(), staging.position()), lines, sender);
        }
        staging.clear();
        lines = 0;
    }
}
