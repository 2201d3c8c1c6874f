package io.vtnio.nio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logs through {@link System.Logger} (java.util.logging underneath, as no other
 * backend is on the class path) while this is open, recorded instead of printed. Records may come
 * from any thread.
 */
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    static CapturedLog of(Class<?> type) {
        return new CapturedLog(Logger.getLogger(type.getName()));
    }

    List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
    }
}
