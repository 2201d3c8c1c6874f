package io.vtnio.loadgen.engine;

/**
 * What one {@link ClientLoop} does over the phases of a run: which connections it opens and
 * when, what happens when traffic starts and stops, and when it has nothing left to wait for.
 * {@code PersistentConnections} serves echo and chat, {@code HelloChurn} the hello workload.
 *
 * <p>Threading: every method runs on the owning loop's thread.
 */
public interface LoopWorkload {

    /** The loop starts: begin connecting. */
    void begin(long nowNs);

    /** True once every connect of the connect phase has succeeded or failed. */
    boolean connectPhaseDone();

    /** Traffic starts (warm-up first). */
    void startTraffic(long nowNs);

    /** No new requests from now on. */
    void stopSending(long nowNs);

    /** A connection of this loop finished connecting. */
    void onConnected(ClientConnection connection, long nowNs);

    /** A connection of this loop became ready after connecting (chat: joined). */
    void onReady(ClientConnection connection, long nowNs);

    /** A connection of this loop closed, for whatever reason. */
    void onClosed(ClientConnection connection, long nowNs);

    /** True when nothing is owed any more: the loop may end before the drain deadline. */
    boolean drained();

    /** True when the loop can do nothing more (every connection gone) and may end now. */
    boolean exhausted();

    /** The drain deadline passed, or the loop drained: count what is still owed. */
    void finish(long nowNs);
}
