package io.vtnio.loadgen.run;

import io.vtnio.loadgen.wire.ChatLine;
import io.vtnio.core.Mode;
import io.vtnio.loadgen.client.HttpRequestTemplate;
import io.vtnio.loadgen.engine.TargetAddresses;
import java.time.Duration;

/**
 * Everything one generator process needs for a run, validated, with this process's share of
 * the totals already taken ({@link Shard}). Totals stay visible because the open-model schedules
 * and the chat publisher ids are global: a process's connections pace themselves as parts of the
 * whole run, so shards add up to exactly the run a single process would drive.
 *
 * @param mode               echo, chat, hello or http
 * @param addresses          targets and source addresses
 * @param connections        this process's connections (hello: concurrent connects, at most in the open model)
 * @param totalConnections   connections over all shards
 * @param firstConnection    global index of this process's first connection
 * @param connectRatePerSec  this process's share of {@code --connect-rate}; 0 for no limit
 * @param warmup             traffic recorded apart before measuring: fixed, or until steady
 * @param duration           measured time
 * @param timeout            per reply (and per connect)
 * @param payloadBytes       echo message length, chat line length (at least {@link ChatLine#HEADER_BYTES})
 * @param pipelineDepth      closed model: requests outstanding per connection (chat: per publisher)
 * @param totalRatePerSec    open model: messages (chat: lines, hello: connects) per second over all
 *                           shards; 0 for the closed model
 * @param ratePerSec         this process's share of {@code totalRatePerSec}
 * @param totalPublishers    chat: publishers over all shards
 * @param firstPublisher     chat: global id of this process's first publisher
 * @param publishers         chat: this process's publishers (its first connections)
 * @param suffix             what the echo server appends before the newline
 * @param greeting           what the hello server sends before the newline
 * @param threads            event loops
 * @param shard              which part of the run this process drives
 * @param label              the {@code server} field of the summary, or null
 * @param sweep              a sweep of offered load ({@code --rates}, {@code --sweep}), or null; its
 *                           first rate is {@code totalRatePerSec}
 * @param phases             a timetable of rates ({@code --phases}), or null; its first rate is
 *                           {@code totalRatePerSec} and its durations add up to {@code duration}
 * @param http               {@code --mode http}: the request every connection sends; null in other modes
 *
 * <p>Threading: immutable once built (the byte arrays are never modified); shared by all loops.
 */
public record LoadConfig(
        Mode mode,
        TargetAddresses addresses,
        int connections,
        int totalConnections,
        int firstConnection,
        double connectRatePerSec,
        Warmup warmup,
        Duration duration,
        Duration timeout,
        int payloadBytes,
        int pipelineDepth,
        double totalRatePerSec,
        double ratePerSec,
        int totalPublishers,
        int firstPublisher,
        int publishers,
        byte[] suffix,
        byte[] greeting,
        int threads,
        Shard shard,
        String label,
        SweepPlan sweep,
        RatePhases phases,
        HttpRequestTemplate http) {

    public boolean openModel() {
        return totalRatePerSec > 0;
    }

    /** {@code "open"} or {@code "closed"}, as in the summary. */
    public String modelName() {
        return openModel() ? "open" : "closed";
    }

    /** {@code "echo"}, {@code "chat"}, {@code "hello"} or {@code "http"}, as in the summary. */
    public String modeName() {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** This process's target rate, or null for the closed model. */
    public Double targetRatePerSec() {
        return openModel() ? ratePerSec : null;
    }
}
