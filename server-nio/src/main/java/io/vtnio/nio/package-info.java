/**
 * The selector vtnio server: {@code java.nio} Selector event loops on a few platform threads. It
 * mirrors {@code io.vtnio.vt}, the blocking server, class by class: each job has the same class
 * name in both packages, so a reader opens the same file in both folders and compares. One
 * connection's life, with the same state names in both, is drawn in
 * {@link io.vtnio.core.ConnectionState}; every decision about it and every threshold is in
 * {@code core} ({@link io.vtnio.core.ConnectionPolicy}, {@link io.vtnio.core.ConnectionRules},
 * {@link io.vtnio.core.ReadPause}, {@link io.vtnio.core.ConnectionLimit}).
 *
 * <table>
 *   <caption>Every job, the class doing it here (nio) and in the vt server, and what the model changes</caption>
 *   <tr><th>Job</th><th>nio</th><th>vt</th><th>What the concurrency model changes</th></tr>
 *   <tr><td>The server: ports, start, stop</td><td>{@link SelectorServer}</td><td>BlockingServer</td><td>vt: one thread per connection, of the kind ConnectionThreads chose (virtual, or platform for pt); nio: --loops selector threads and a worker pool for --work.</td></tr>
 *   <tr><td>Accepting</td><td>{@link Acceptor}</td><td>Acceptor</td><td>vt: a thread per port blocked in accept(); nio: OP_ACCEPT on loop 0, each connection handed to the next loop (LoopChooser).</td></tr>
 *   <tr><td>Admission, --max-connections</td><td>{@link Acceptor}</td><td>LiveConnections</td><td>none: both take a place in core's ConnectionLimit and give it back as the socket closes.</td></tr>
 *   <tr><td>Refusal beyond --max-connections</td><td>{@link Refusal}</td><td>Refusal</td><td>vt: a thread of its own writes the ERR line and lingers; nio: a readiness handler on loop 0 does the same on events.</td></tr>
 *   <tr><td>Decisions: idle, close or linger, what counts, failed accepts, stop waits</td><td>core's ConnectionPolicy</td><td>core's ConnectionPolicy</td><td>none in the decisions; vt acts on them with blocking calls on the connection's thread, nio with interest ops and loop timers.</td></tr>
 *   <tr><td>One connection's state and ending</td><td>{@link Connection}</td><td>Connection</td><td>vt: the ConnectionState life is walked in straight-line code, and anyone may close (once, by compare-and-set); nio: the state is a field changed on readiness events, and the interest ops follow from it.</td></tr>
 *   <tr><td>The open connections</td><td>{@link LiveConnections}</td><td>LiveConnections</td><td>vt: one concurrent set, each connection with its thread; nio: an array per loop, touched only by that loop.</td></tr>
 *   <tr><td>Reading</td><td>{@link EventLoop}</td><td>ReadBuffer</td><td>vt: a blocked read holds its buffer, so each connection's adapts to its traffic; nio: reads happen only when bytes are there, so one buffer per loop serves all.</td></tr>
 *   <tr><td>Echo</td><td>{@link Echo}</td><td>Echo</td><td>vt: read, decode, answer, flush, on the connection's thread; nio: one read's replies encoded into the loop's output buffer and written at once.</td></tr>
 *   <tr><td>Hello</td><td>{@link Hello}</td><td>Hello</td><td>vt: write the greeting, shut output, close; nio: the greeting is the last line of a FINISHING connection, which closes once it is written.</td></tr>
 *   <tr><td>Chat: one order, fan-out</td><td>{@link ChatRoom}</td><td>ChatRoom</td><td>vt: each line offered to every member's outbox under one lock; nio: one delivery task per loop queued under one lock, each loop running its queue in order.</td></tr>
 *   <tr><td>Chat: one member</td><td>{@link ChatMember}</td><td>ChatMember</td><td>vt: a reader thread broadcasting what it reads, and a writer thread (ChatOutbox) per member; nio: a read's lines published as one batch (ChatPublisher), delivered into the outbound queue, flushed at the end of the loop's iteration.</td></tr>
 *   <tr><td>Bytes owed to the client</td><td>{@link OutboundQueue}</td><td>OutputBatch, ChatOutbox</td><td>vt: a blocking write holds the thread until the kernel took everything; nio: what the socket refuses is queued and written on OP_WRITE.</td></tr>
 *   <tr><td>Back-pressure</td><td>{@link BackPressure}</td><td>BackPressure</td><td>none in the marks (core's ReadPause); vt: the reader does not call read (in echo the blocking write already stops it); nio: OP_READ goes off and on.</td></tr>
 *   <tr><td>Work, --work</td><td>{@link PendingWork}, {@link WorkIntake}, {@link WorkerPool}</td><td>Echo, ChatMember</td><td>vt: done on the connection's own thread, which may block; nio: must leave the loop, one message in flight per connection, the reply written back by the loop.</td></tr>
 *   <tr><td>Lingering close</td><td>{@link LingeringClose}</td><td>LingeringClose</td><td>vt: output shut, then reads with a timeout until quiet; nio: output shut, reads discarded on OP_READ, loop timers for quiet and deadline.</td></tr>
 *   <tr><td>Graceful stop</td><td>{@link GracefulStop}</td><td>GracefulStop</td><td>vt: a flag every session checks after each read, idle readers' input shut, polled; nio: a drain task on each loop and a latch.</td></tr>
 * </table>
 *
 * <p>Only the selector model needs: EventLoop (a selector, its thread, its tasks), Finishing (a connection's FINISHING sub-states), Interest (its interest ops), LoopTimer (timers without a thread), LoopChooser, ReadinessHandler (a key's attachment), MessageBatch (what a loop does with one read's messages), ServerContext (what every loop shares).
 */
package io.vtnio.nio;
