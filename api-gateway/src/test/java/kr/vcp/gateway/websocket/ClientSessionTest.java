package kr.vcp.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.util.List;
import java.util.stream.IntStream;
import kr.vcp.gateway.limits.TokenBucket;
import kr.vcp.gateway.transport.EncodedText;
import kr.vcp.gateway.transport.NettyTransport;
import org.junit.jupiter.api.Test;

/** A session's queue on the fast path over a Netty channel of its own: what reaches the socket, and when. */
class ClientSessionTest {

    /** Counts nothing: these tests read the channel. */
    private static final SocketEvents NO_EVENTS = new SocketEvents() {
        @Override
        public void replied(int frames) {
        }

        @Override
        public void toClosedConnection() {
        }

        @Override
        public void cutOffSlowConsumer(long bytesDropped) {
        }

        @Override
        public void heartbeatTimeout() {
        }

        @Override
        public void rateLimited() {
        }

        @Override
        public void policyViolation() {
        }

        @Override
        public void protocolViolation() {
        }

        @Override
        public void upgradeRefused() {
        }
    };

    private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    // No connection: these tests neither close the session nor ask its id.
    private final ClientSession session = new ClientSession(null,
            new NettyTransport(channel, channel.pipeline().context(WebSocketFrameEncoder.class)), 1 << 20,
            new TokenBucket(10, 10), NO_EVENTS);

    private static List<EncodedText> ticks(int count, int round) {
        return IntStream.range(0, count).mapToObj(i -> EncodedText.of(
                "{\"type\":\"price_update\",\"ticker\":\"" + (100_000 + i) + "\",\"volume\":" + round + "}")).toList();
    }

    private static byte[] concat(List<EncodedText> texts) {
        ByteBuf all = Unpooled.buffer();
        texts.forEach(text -> text.copyTo(all));
        return ByteBufUtil.getBytes(all);
    }

    /** Every byte the channel was handed, and how many buffers it came in. */
    private byte[] outbound(int[] buffers) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf written; (written = channel.readOutbound()) != null; buffers[0]++) {
            all.writeBytes(written);
            written.release();
        }
        return ByteBufUtil.getBytes(all);
    }

    @Test
    void fortyTicksWaitForTheFlushAndLeaveInOrderInOneWrite() {
        List<EncodedText> ticks = ticks(40, 1);

        for (int i = 0; i < ticks.size(); i++) {
            assertEquals(i + 1, session.deliver(ticks.get(i)), "frames waiting for the flush");
        }
        assertNull(channel.readOutbound(), "nothing reaches the socket before the flush");

        assertEquals(40, session.flush());
        int[] buffers = {0};
        assertArrayEquals(concat(ticks), outbound(buffers));
        assertEquals(1, buffers[0], "one buffer for the socket");
        assertEquals(0, session.flush(), "nothing is left to flush");
    }

    @Test
    void aQueueThatGrewForABurstStartsOverEmptyAfterItsFlush() {
        List<EncodedText> burst = ticks(500, 1);
        List<EncodedText> next = ticks(3, 2);

        burst.forEach(session::deliver);
        assertEquals(500, session.flush());
        outbound(new int[1]);
        next.forEach(session::deliver);
        assertEquals(3, session.flush());

        assertArrayEquals(concat(next), outbound(new int[1]), "only the frames delivered since the last flush");
    }
}
