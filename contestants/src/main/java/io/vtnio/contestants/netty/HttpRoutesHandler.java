package io.vtnio.contestants.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vtnio.contestants.Route;
import io.vtnio.core.Work;
import io.vtnio.core.http.HttpExchange;

/**
 * vtnio's routes ({@link Route}) over whole requests from {@link io.netty.handler.codec.http.HttpObjectAggregator}:
 * Netty's idiom of writing each response as its request is read ({@link #channelRead0}) and
 * flushing once per read batch ({@link #channelReadComplete}), so pipelined requests that arrive
 * in one read leave in one write, in order. Every response has a Content-Length.
 *
 * <p>A request the codec could not read comes with a failed {@link DecoderResult}: Netty leaves
 * the answer to the application, and this one answers as vtnio does (414 for a long request line,
 * 431 for long headers, 400 otherwise), then closes. After a request that ends the connection
 * ({@code Connection: close}, HTTP/1.0 without keep-alive) the requests pipelined behind it are
 * not answered, as RFC 9112 (9.6) says.
 *
 * <p>Threading: one per connection, never shared; every call on the thread Netty gives this
 * handler: the connection's event loop, or one thread of the work group for {@code --work}.
 */
final class HttpRoutesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final byte[] EMPTY = new byte[0];

    private final Work work;
    private boolean closing;

    HttpRoutesHandler(Work work) {
        this.work = work;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (closing) {
            return;
        }
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            closing = true;
            FullHttpResponse refusal = response(statusOf(decoded.cause()), Unpooled.EMPTY_BUFFER, 0);
            refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse response = respond(request);
        HttpUtil.setKeepAlive(response.headers(), request.protocolVersion(), keepAlive);
        ChannelFuture written = ctx.write(response);
        if (!keepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private FullHttpResponse respond(FullHttpRequest request) {
        Route route = Route.of(request.uri());
        String method = request.method().name();
        if (route == Route.NOT_FOUND) {
            work.perform(EMPTY, 0, 0);
            return response(HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER, 0);
        }
        if (!route.allows(method)) {
            work.perform(EMPTY, 0, 0);
            FullHttpResponse notAllowed = response(HttpResponseStatus.METHOD_NOT_ALLOWED, Unpooled.EMPTY_BUFFER, 0);
            notAllowed.headers().set(HttpHeaderNames.ALLOW, route.allowHeader());
            return notAllowed;
        }
        if (route == Route.PLAINTEXT) {
            byte[] body = HttpExchange.PLAINTEXT_BODY;
            work.perform(body, 0, body.length);
            boolean head = request.method().equals(HttpMethod.HEAD);
            FullHttpResponse plaintext = response(HttpResponseStatus.OK,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body), body.length);
            plaintext.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
            return plaintext;
        }
        ByteBuf content = request.content();
        if (!work.isNone()) {
            byte[] body = ByteBufUtil.getBytes(content);
            work.perform(body, 0, body.length);
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, Route.DEFAULT_ECHO_TYPE);
        // The request's buffer is released after this method; the response keeps its own reference.
        FullHttpResponse echo = response(HttpResponseStatus.OK, content.retainedDuplicate(), content.readableBytes());
        echo.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        return echo;
    }

    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, int contentLength) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        HttpHeaders headers = response.headers();
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return response;
    }

    /** vtnio's status for a request Netty's codec refused. */
    static HttpResponseStatus statusOf(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongFrameException) {
            return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }
}
