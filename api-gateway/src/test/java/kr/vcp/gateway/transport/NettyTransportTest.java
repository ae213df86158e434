package kr.vcp.gateway.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import org.junit.jupiter.api.Test;

/** The fast path on a Netty channel of its own: what reaches the socket, when, and what the backlog counts. */
class NettyTransportTest {

    /** A channel whose socket takes nothing: what is flushed stays in its outbound buffer, as for a client not reading. */
    private static final class StalledChannel extends EmbeddedChannel {
        StalledChannel() {
            super(new WebSocket13FrameEncoder(false));
        }

        @Override
        protected void doWrite(ChannelOutboundBuffer in) {
            // the socket's buffer is full
        }
    }

    private static NettyTransport transport(EmbeddedChannel channel) {
        return new NettyTransport(channel, channel.pipeline().context(WebSocketFrameEncoder.class));
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Every byte the channel was handed, in order. */
    private static byte[] outbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf written; (written = channel.readOutbound()) != null; ) {
            all.writeBytes(written);
            written.release();
        }
        return bytes(all);
    }

    private static byte[] concat(EncodedText... texts) {
        ByteBuf all = Unpooled.buffer();
        for (EncodedText text : texts) {
            text.copyTo(all);
        }
        return bytes(all);
    }

    @Test
    void smallFramesLeaveAtTheFlushAsOneBufferByteForByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        NettyTransport transport = transport(channel);
        EncodedText first = EncodedText.of("{\"type\":\"price_update\",\"ticker\":\"005930\"}");
        EncodedText second = EncodedText.of("{\"name\":\"삼성전자\"}");

        transport.write(first);
        transport.write(second);

        assertNull(channel.readOutbound(), "nothing leaves before the flush");
        transport.flush();
        ByteBuf one = channel.readOutbound();
        assertArrayEquals(concat(first, second), bytes(one));
        assertNull(channel.readOutbound(), "the two small frames left as one buffer");
        assertEquals(0, transport.backlogBytes());
    }

    @Test
    void aBigFrameIsSharedAndKeepsItsPlaceBetweenSmallOnes() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        NettyTransport transport = transport(channel);
        EncodedText tick = EncodedText.of("{\"type\":\"price_update\"}");
        EncodedText page = EncodedText.of("{\"type\":\"signal_update\",\"pad\":\"" + "가".repeat(3_000) + "\"}");
        EncodedText reply = EncodedText.of("{\"type\":\"pong\"}");

        transport.write(tick);
        transport.write(page);
        transport.write(reply);
        transport.flush();

        assertTrue(page.length() > NettyTransport.COPY_LIMIT);
        assertArrayEquals(concat(tick, page, reply), outbound(channel));
    }

    @Test
    void theBacklogCountsFlushedBytesTheSocketHasNotTaken() {
        StalledChannel channel = new StalledChannel();
        NettyTransport transport = transport(channel);
        EncodedText text = EncodedText.of("{\"type\":\"signal_update\"}");

        transport.write(text);
        transport.write(text);
        assertEquals(0, transport.backlogBytes());
        transport.flush();

        // Netty adds its bookkeeping (about a hundred bytes) for the one buffer the two frames left in.
        long backlog = transport.backlogBytes();
        assertTrue(backlog >= 2L * text.length() && backlog < 2L * text.length() + 200, "backlog " + backlog);
        assertTrue(transport.isOpen());
        assertEquals(channel.eventLoop(), transport.eventLoop());
    }

    @Test
    void aClosedChannelIsNotOpen() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        NettyTransport transport = transport(channel);

        channel.close();

        assertFalse(transport.isOpen());
    }
}
