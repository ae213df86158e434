package kr.vcp.gateway.transport;

import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * The fallback: each frame through the Vert.x socket (or, without one, websockets-next's {@code sendText}), which
 * writes and flushes it at once; the frames not yet completed are the queue. Slower than {@link NettyTransport},
 * and independent of Netty's internals.
 */
public final class VertxTransport implements Transport {

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final EventLoop eventLoop;
    /** Bytes of frames handed over and not completed; only touched on the event loop. */
    private long inFlight;

    /** @param socket the connection's Vert.x socket, or null to send through websockets-next */
    public VertxTransport(WebSocketConnection connection, WebSocketBase socket, EventLoop eventLoop) {
        this.connection = connection;
        this.socket = socket;
        this.eventLoop = eventLoop;
    }

    @Override
    public EventLoop eventLoop() {
        return eventLoop;
    }

    @Override
    public void write(EncodedText text) {
        int length = text.length();
        inFlight += length;
        if (socket != null) {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, text.payload(), true))
                    .onComplete(done -> completed(length));
        } else {
            connection.sendText(text.text()).subscribe().with(ok -> completed(length), failure -> completed(length));
        }
    }

    private void completed(int length) {
        if (eventLoop.inEventLoop()) {
            inFlight -= length;
        } else {
            eventLoop.execute(() -> inFlight -= length);
        }
    }

    @Override
    public void flush() {
        // Vert.x flushes every frame as it writes it.
    }

    @Override
    public long backlogBytes() {
        return inFlight;
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }
}
