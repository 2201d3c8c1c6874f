/**
 * Production frameworks answering vtnio's {@code --mode http} routes, to be compared with vtnio's
 * own servers: Helidon SE ({@code .helidon}, a virtual thread per connection, as {@code vt}) and
 * Netty ({@code .netty}, event loops, as {@code nio}). The rules are fixed once here and in
 * {@code core} ({@link io.vtnio.contestants.Route}, the limits of
 * {@link io.vtnio.contestants.ContestantConfig}, {@code Work}); each framework supplies only its
 * idiom.
 *
 * <table>
 *   <caption>Job, Helidon class, Netty class</caption>
 *   <tr><th>job</th><th>Helidon</th><th>Netty</th><th>what the framework changes</th></tr>
 *   <tr><td>main, flags</td><td>{@code HelidonServerMain}</td><td>{@code NettyServerMain}</td>
 *       <td>Netty adds {@code --threads}, {@code --transport}, {@code --workers}</td></tr>
 *   <tr><td>start, stop, the {@code framework} line</td><td>{@code HelidonServer}</td>
 *       <td>{@code NettyServer}</td><td>Helidon's grace period vs. Netty's group shutdowns</td></tr>
 *   <tr><td>connection set-up</td><td>(Helidon's own)</td><td>{@code HttpPipelineInitializer}</td>
 *       <td>Netty builds a pipeline per connection, with a work group for {@code --work}</td></tr>
 *   <tr><td>routes</td><td>{@code HelidonRoutes}</td><td>{@code HttpRoutesHandler}</td>
 *       <td>blocking handlers on a virtual thread vs. a handler called per decoded request</td></tr>
 *   <tr><td>transport</td><td>(sockets on virtual threads)</td><td>{@code NettyTransport}</td>
 *       <td>Netty picks nio or native epoll</td></tr>
 * </table>
 */
package io.vtnio.contestants;
