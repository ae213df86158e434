package kr.vcp.gateway.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;

/**
 * The fast path: the shared frame goes straight into the connection's Netty pipeline below the WebSocket encoder
 * (it is framed already), with no promise to complete; the channel's outbound buffer is the queue, and a flush
 * hands all its frames to the socket in one gathering write.
 */
public final class NettyTransport implements Transport {

    private final Channel channel;
    private final ChannelHandlerContext belowEncoder;

    /** @param belowEncoder the context of the connection's WebSocket frame encoder */
    public NettyTransport(Channel channel, ChannelHandlerContext belowEncoder) {
        this.channel = channel;
        this.belowEncoder = belowEncoder;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public void write(EncodedText text) {
        belowEncoder.write(text.frame(), channel.voidPromise());
    }

    @Override
    public void flush() {
        belowEncoder.flush();
    }

    @Override
    public int backlog() {
        ChannelOutboundBuffer waiting = channel.unsafe().outboundBuffer();
        // size() counts flushed frames only: what this batch wrote and has not flushed yet is not a backlog.
        return waiting == null ? 0 : waiting.size();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }
}
