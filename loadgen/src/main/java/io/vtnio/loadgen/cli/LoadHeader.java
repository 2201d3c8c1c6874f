package io.vtnio.loadgen.cli;

import io.vtnio.core.HumanDuration;
import io.vtnio.core.Mode;
import io.vtnio.loadgen.run.LoadConfig;
import java.util.List;
import java.util.Locale;

/**
 * The line that says what a run drives against what, in the words of each mode: the first line
 * of {@code load}'s summary and the comment at the head of its interval log.
 *
 * <pre>{@code
 * LoadHeader.of(config);  // "vtnio load: echo, closed model, 100 connections, 32-byte payload, ..."
 * }</pre>
 *
 * <p>Threading: stateless; any thread.
 */
final class LoadHeader {

    private LoadHeader() {
    }

    /** One line saying what runs against what, for the summary and the interval log. */
    static String of(LoadConfig config) {
        return of(config, true);
    }

    /** As {@link #of(LoadConfig)}; without the thread count when it is not this process's. */
    static String of(LoadConfig config, boolean withThreads) {
        StringBuilder text = new StringBuilder("vtnio load: ").append(config.modeName()).append(", ")
                .append(config.modelName()).append(" model");
        if (config.openModel()) {
            String unit = switch (config.mode()) {
                case CHAT -> " lines";
                case HELLO -> " connects";
                case ECHO, HTTP -> "";
            };
            if (config.sweep() == null) {
                text.append(String.format(Locale.ROOT, " at %,.1f%s/s", config.ratePerSec(), unit));
            } else {
                List<Double> rates = config.sweep().ratesPerSec();
                text.append(String.format(Locale.ROOT, ", a sweep of %d step%s from %,.0f to %,.0f%s/s", rates.size(),
                        rates.size() == 1 ? "" : "s", rates.getFirst(), rates.getLast(), unit));
                if (config.sweep().objective() != null) {
                    text.append(" at ").append(config.sweep().objective().text());
                }
            }
        }
        if (config.mode() == Mode.HELLO) {
            // Hello churns: --connections is how many connects are in flight (closed model) and
            // means nothing in the open model, where the rate alone decides.
            if (!config.openModel()) {
                text.append(", ").append(config.connections()).append(" concurrent connects");
            }
        } else {
            text.append(", ").append(config.connections()).append(" connections");
            if (config.mode() == Mode.CHAT) {
                text.append(" (").append(config.publishers()).append(" publishing)");
            }
            if (config.http() != null) {
                text.append(", ").append(config.http().describe());
            } else {
                text.append(", ").append(config.payloadBytes()).append("-byte ")
                        .append(config.mode() == Mode.CHAT ? "lines" : "payload");
            }
            if (!config.openModel()) {
                text.append(", pipeline ").append(config.pipelineDepth());
            }
        }
        text.append(" to ").append(config.addresses().describe());
        if (withThreads) {
            text.append(", ").append(config.threads()).append(config.threads() == 1 ? " thread" : " threads");
        }
        if (!config.shard().isWhole()) {
            text.append(", shard ").append(config.shard());
        }
        text.append(", ").append(HumanDuration.format(config.duration())).append(" after ")
                .append(config.warmup().describe());
        if (config.sweep() != null) {
            text.append(" a step");
        }
        return text.toString();
    }
}
