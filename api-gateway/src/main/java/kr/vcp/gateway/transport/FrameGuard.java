package kr.vcp.gateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The frames a client may send, per RFC 6455, checked before Vert.x reads them: a frame or a message over the size
 * limit closes the connection with 1009, text that is not UTF-8 with 1007, a binary message with 1003, a malformed
 * frame with the decoder's code (1002). Vert.x would close an oversized frame's connection at once, so the client,
 * still sending, got a TCP reset instead of the close frame, and it would read a fragmented message whole before
 * measuring it. Here the close frame is sent, what the client still sends is read and thrown away, and the
 * connection is closed once the client has closed its side, gone quiet, or after a few seconds.
 */
public final class FrameGuard extends ChannelInboundHandlerAdapter {

    /** Once refused, the connection closes this long after the client's last bytes (at most {@link #LINGER_MAX_MS}). */
    private static final long QUIET_MS = 300;
    private static final long LINGER_MAX_MS = 3_000;

    private final int maxFrame;
    private final int maxMessage;
    private final IntConsumer refusals;
    /** The fragments of the text message being received, for its size and its UTF-8 (a message is a few KB at most). */
    private ByteArrayOutputStream fragments;
    private boolean refused;
    private long refusedAt;
    private long lastRead;

    private FrameGuard(int maxFrame, int maxMessage, IntConsumer refusals) {
        this.maxFrame = maxFrame;
        this.maxMessage = maxMessage;
        this.refusals = refusals;
    }

    /**
     * Puts the guard behind the connection's frame decoder, which is replaced by one that leaves protocol errors to
     * the guard; {@code refusals} hears the close code of each connection refused, once. Call it on the channel's
     * event loop. Returns false when the pipeline has no WebSocket decoder.
     */
    public static boolean install(ChannelPipeline pipeline, int maxFrame, int maxMessage, IntConsumer refusals) {
        ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder == null) {
            return false;
        }
        // Replaced in place: bytes the old decoder had buffered are handed to the new one.
        pipeline.replace(decoder.name(), decoder.name(), new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrame).expectMaskedFrames(true).allowMaskMismatch(false)
                .allowExtensions(false).closeOnProtocolViolation(false).build()));
        pipeline.addAfter(decoder.name(), "vcp-frame-guard", new FrameGuard(maxFrame, maxMessage, refusals));
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            lastRead = System.nanoTime();
            boolean clientClosed = msg instanceof CloseWebSocketFrame;
            ReferenceCountUtil.release(msg);
            if (clientClosed) {
                ctx.close();
            }
            return;
        }
        // The decoder refuses a continuation outside a message: one without text fragments continues a binary one.
        if (msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame && fragments == null) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary messages are not accepted");
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            checkText(ctx, (WebSocketFrame) msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Passes a text frame on, unless it makes its message too big or not UTF-8. */
    private void checkText(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ByteBuf content = frame.content();
        if (frame.isFinalFragment() && fragments == null) {
            if (!ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
                frame.release();
                refuse(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text is not UTF-8");
                return;
            }
            ctx.fireChannelRead(frame);
            return;
        }
        if (fragments == null) {
            fragments = new ByteArrayOutputStream();
        }
        if (fragments.size() + content.readableBytes() > maxMessage) {
            frame.release();
            fragments = null;
            refuse(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "a message is at most " + maxMessage + " bytes");
            return;
        }
        fragments.writeBytes(ByteBufUtil.getBytes(content));
        if (frame.isFinalFragment()) {
            boolean utf8 = ByteBufUtil.isText(Unpooled.wrappedBuffer(fragments.toByteArray()), StandardCharsets.UTF_8);
            fragments = null;
            if (!utf8) {
                frame.release();
                refuse(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text is not UTF-8");
                return;
            }
        }
        ctx.fireChannelRead(frame);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (refused) {
            lastRead = System.nanoTime(); // a corrupt decoder throws bytes away without a frame to show for them
            return;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            WebSocketCloseStatus status = corrupt.closeStatus() == null ? WebSocketCloseStatus.PROTOCOL_ERROR
                    : corrupt.closeStatus();
            refuse(ctx, status, status == WebSocketCloseStatus.MESSAGE_TOO_BIG
                    ? "a frame is at most " + maxFrame + " bytes" : String.valueOf(corrupt.getMessage()));
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** Sends the close frame once, then reads and drops until the connection can be closed without a reset. */
    private void refuse(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (refused) {
            return;
        }
        refused = true;
        refusedAt = lastRead = System.nanoTime();
        refusals.accept(status.code());
        // From the pipeline's tail, through the frame encoder wherever it sits.
        ctx.channel().writeAndFlush(new CloseWebSocketFrame(status, reason));
        closeWhenQuiet(ctx);
    }

    private void closeWhenQuiet(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            long now = System.nanoTime();
            if (!ctx.channel().isOpen()) {
                return;
            }
            if (now - lastRead >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS)
                    || now - refusedAt >= TimeUnit.MILLISECONDS.toNanos(LINGER_MAX_MS)) {
                ctx.close();
            } else {
                closeWhenQuiet(ctx);
            }
        }, QUIET_MS, TimeUnit.MILLISECONDS);
    }
}
