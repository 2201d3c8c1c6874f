package io.vtnio.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link MessageSink} that copies every message it is given, for assertions. */
final class RecordingSink implements MessageSink {

    private final List<byte[]> messages = new ArrayList<>();

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        messages.add(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    List<byte[]> messages() {
        return messages;
    }

    /** The messages decoded as UTF-8, for tests whose input is text. */
    List<String> texts() {
        return messages.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }
}
