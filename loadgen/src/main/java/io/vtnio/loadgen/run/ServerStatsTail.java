package io.vtnio.loadgen.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vtnio.core.MetricsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a file a server is writing its stdout to ({@code --server-stats}) and returns the stats
 * lines added since the last look, as {@code tail -f} would. Only lines written after
 * {@link #open} count: older ones describe the server before this run. Lines that are not a
 * stats object (the {@code listening} line, anything else a server prints) are skipped; a last
 * line still being written is kept until its newline arrives.
 *
 * <pre>{@code
 * ServerStatsTail tail = ServerStatsTail.open(file);
 * for (MetricsSnapshot line : tail.readNew()) { ... }   // every interval
 * }</pre>
 *
 * <p>Threading: one thread (the run's reporter) only.
 */
final class ServerStatsTail implements AutoCloseable {

    /** Most bytes read in one look, so a server that floods its stdout cannot stall the reporter. */
    private static final int MAX_READ_BYTES = 1 << 20;
    /** Longest line kept; a stats line is a few hundred bytes, anything longer is not one. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private long offset;

    private ServerStatsTail(FileChannel file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Opens {@code path} and skips what it holds now, up to the last complete line. */
    static ServerStatsTail open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new ServerStatsTail(channel, lastLineStart(channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the line being written now starts: just after the last newline, or 0. */
    private static long lastLineStart(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer back = ByteBuffer.allocate(4096);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - back.capacity());
            back.clear().limit((int) (end - start));
            channel.read(back, start);
            for (int i = back.position() - 1; i >= 0; i--) {
                if (back.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /**
     * The stats lines completed since the last call, oldest first; empty when the server wrote
     * nothing new or the file cannot be read at the moment (it may be truncated or rotated).
     */
    List<MetricsSnapshot> readNew() {
        List<MetricsSnapshot> lines = new ArrayList<>();
        try {
            if (file.size() < offset) {
                // Truncated: start over from its new beginning.
                offset = 0;
                partialLine.reset();
            }
            int read;
            int total = 0;
            while (total < MAX_READ_BYTES && (read = file.read(buffer.clear(), offset)) > 0) {
                offset += read;
                total += read;
                collectLines(buffer.flip(), lines);
            }
        } catch (IOException e) {
            // The next look tries again; the warm-up does not depend on any single one.
        }
        return lines;
    }

    private void collectLines(ByteBuffer bytes, List<MetricsSnapshot> lines) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b != '\n') {
                if (partialLine.size() < MAX_LINE_BYTES) {
                    partialLine.write(b);
                }
                continue;
            }
            String line = partialLine.toString(StandardCharsets.UTF_8).strip();
            partialLine.reset();
            if (line.startsWith("{")) {
                try {
                    lines.add(MetricsSnapshot.fromJson(line));
                } catch (JsonProcessingException notStats) {
                    // Some other JSON the server printed; only stats lines matter here.
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
