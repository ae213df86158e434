package kr.vcp.gateway.service;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client connection and what the gateway keeps for it: a bound on the frames handed to the connection that
 * have not yet left (so a client that stops reading fills its own queue, never anyone else's), its topics, an
 * inbound rate limit and when it was last heard from.
 */
public final class ClientSession {

    /** Close codes a client can act on (4000-4999 are the application's). */
    public static final CloseReason SLOW_CONSUMER = new CloseReason(4008, "slow consumer: outbound queue full");
    public static final CloseReason HEARTBEAT_TIMEOUT = new CloseReason(4002, "no pong within the heartbeat timeout");
    public static final CloseReason TOO_MANY_MESSAGES = new CloseReason(1008, "policy violation: too many messages");
    public static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down");

    /** Reports what happened to frames and why a session was cut, for the gateway's counters. */
    public interface Listener {
        /** {@code frames} frames of one message were written, to as many connections or to one. */
        void sent(int frames, long kafkaTimestampMillis);

        void failed();

        void cutOffSlowConsumer(int framesDropped);
    }

    /** Sessions written by one event-loop task; other work on that loop waits for no more than this many writes. */
    private static final int WRITES_PER_TASK = 256;

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final Channel channel;
    private final ChannelHandlerContext frames;
    private final EventLoop eventLoop;
    private final int capacity;
    private final Listener listener;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> topics = ConcurrentHashMap.newKeySet(2);
    private final TokenBucket inbound;
    private volatile boolean closing;
    private volatile long lastSeenNanos = System.nanoTime();

    ClientSession(WebSocketConnection connection, int capacity, TokenBucket inbound, Listener listener) {
        this.connection = connection;
        this.socket = VertxSockets.socket(connection);
        Channel raw = socket == null ? null : VertxSockets.channel(socket);
        // Opened on the connection's own context: its event loop is the one that writes to the socket.
        EventLoop loop = Vertx.currentContext() instanceof ContextInternal context ? context.nettyEventLoop() : null;
        this.frames = raw == null || loop == null ? null : raw.pipeline().context(WebSocketFrameEncoder.class);
        this.channel = frames == null ? null : raw;
        this.eventLoop = frames == null ? null : loop;
        if (frames != null && raw.pipeline().get(IdleStateHandler.class) != null) {
            // The HTTP server's idle timeout would put a listener on every frame written to the connection; the
            // heartbeat already closes silent WebSocket clients, so their connections do without it.
            raw.pipeline().remove(IdleStateHandler.class);
        }
        this.capacity = capacity;
        this.inbound = inbound;
        this.listener = listener;
    }

    public String id() {
        return connection.id();
    }

    public WebSocketConnection connection() {
        return connection;
    }

    /** Whether broadcasts reach it as the one shared encoded frame, written by its own event loop. */
    public boolean writesSharedFrames() {
        return channel != null;
    }

    Set<String> topics() {
        return topics;
    }

    /**
     * Sends one update to many sessions. The sessions are grouped by their connection's event loop and each loop
     * writes its own in a few tasks, instead of this thread queueing one task per connection on the loops.
     */
    public static void sendAll(Collection<ClientSession> sessions, EncodedText text, long kafkaTimestampMillis) {
        Map<EventLoop, List<ClientSession>> byLoop = new HashMap<>();
        for (ClientSession session : sessions) {
            if (session.channel == null) {
                session.send(text, kafkaTimestampMillis);
            } else {
                byLoop.computeIfAbsent(session.eventLoop, loop -> new ArrayList<>()).add(session);
            }
        }
        byLoop.forEach((loop, own) -> {
            for (int from = 0; from < own.size(); from += WRITES_PER_TASK) {
                List<ClientSession> chunk = own.subList(from, Math.min(own.size(), from + WRITES_PER_TASK));
                loop.execute(() -> writeFrames(chunk, text, kafkaTimestampMillis));
            }
        });
    }

    /**
     * On the sessions' own event loop: the frame to each of them, reported to the listener once for all. Returns how
     * many were written.
     */
    private static int writeFrames(List<ClientSession> sessions, EncodedText text, long kafkaTimestampMillis) {
        int written = 0;
        // One view of the frame serves the batch: lent to each connection and taken back once its socket has taken
        // it whole, as it mostly does. A connection still holding it keeps it, and the next one gets a new view. So
        // a broadcast makes a handful of objects, not three per connection for the young GC to clear.
        ByteBuf view = text.frame();
        for (ClientSession session : sessions) {
            if (!session.writeFrame(view.retain())) {
                view.release();
            } else {
                written++;
                if (session.holdsFrames()) {
                    view.release();
                    view = text.frame();
                } else {
                    view.readerIndex(0);
                }
            }
        }
        view.release();
        if (written > 0) {
            sessions.get(0).listener.sent(written, kafkaTimestampMillis);
        }
        return written;
    }

    /** {@link #send(EncodedText, long)} for a reply made for this client alone. */
    public boolean send(String text) {
        return send(EncodedText.of(text), -1);
    }

    /**
     * Hands a frame to the connection, behind the frames before it. When {@code capacity} frames are still waiting
     * to leave, the client is not reading: it is closed with {@link #SLOW_CONSUMER} so that it slows no one else,
     * and false is returned.
     *
     * @param kafkaTimestampMillis when the event behind it reached Kafka, or -1 for replies
     */
    public boolean send(EncodedText text, long kafkaTimestampMillis) {
        if (channel == null) {
            return sendThroughVertx(text, kafkaTimestampMillis);
        }
        if (eventLoop.inEventLoop()) {
            return writeFrames(List.of(this), text, kafkaTimestampMillis) > 0;
        }
        // The frames waiting in the channel are counted on its own loop; the tasks keep the order of the calls.
        eventLoop.execute(() -> writeFrames(List.of(this), text, kafkaTimestampMillis));
        return !closing;
    }

    /**
     * On the connection's event loop: the shared frame goes straight to the socket's outbound buffer, past the
     * WebSocket encoder it needs nothing from, with no promise to complete; the buffer's length is the queue.
     */
    private boolean writeFrame(ByteBuf frame) {
        if (closing) {
            return false;
        }
        if (!channel.isActive()) {
            listener.failed();
            return false;
        }
        ChannelOutboundBuffer waiting = channel.unsafe().outboundBuffer();
        int queued = waiting == null ? 0 : waiting.size();
        if (queued >= capacity) {
            cutOff(queued);
            return false;
        }
        frames.writeAndFlush(frame, channel.voidPromise());
        return true;
    }

    /** Whether the socket has not taken everything written to the connection yet (on its event loop). */
    private boolean holdsFrames() {
        ChannelOutboundBuffer waiting = channel.unsafe().outboundBuffer();
        return waiting != null && waiting.totalPendingWriteBytes() > 0;
    }

    /** Where the channel is out of reach: Vert.x frames the text, and a count of frames not yet sent is the queue. */
    private boolean sendThroughVertx(EncodedText text, long kafkaTimestampMillis) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (inFlight.get() >= capacity) {
                cutOff(inFlight.get());
                return false;
            }
            inFlight.incrementAndGet();
            // Written in the order of the calls: the session's lock orders them, the connection keeps the order.
            Consumer<Boolean> done = sent -> {
                inFlight.decrementAndGet();
                if (sent) {
                    listener.sent(1, kafkaTimestampMillis);
                } else {
                    listener.failed();
                }
            };
            if (socket != null) {
                socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, text.payload(), true))
                        .onComplete(r -> done.accept(r.succeeded()));
            } else {
                connection.sendText(text.text()).subscribe().with(ok -> done.accept(true), e -> done.accept(false));
            }
            return true;
        }
    }

    /** Closes a client that left {@code waiting} frames unread; they and the one refused are dropped. */
    private void cutOff(int waiting) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        Log.warnf("Connection %s stopped reading (%d frames waiting): closed", id(), waiting);
        listener.cutOffSlowConsumer(waiting + 1);
        connection.close(SLOW_CONSUMER).subscribe().with(ok -> { }, failure -> { });
    }

    /** Closes with {@code reason}; frames not yet sent may still leave before the close frame. */
    public Uni<Void> close(CloseReason reason) {
        synchronized (this) {
            closing = true;
        }
        return connection.isOpen() ? connection.close(reason) : Uni.createFrom().voidItem();
    }

    /** {@link #close} without waiting; a failure to close means the connection is gone anyway. */
    public void closeQuietly(CloseReason reason) {
        close(reason).subscribe().with(ok -> { }, failure -> { });
    }

    /** Whether one more inbound message is within the rate limit. */
    public boolean tryReceive() {
        lastSeenNanos = System.nanoTime();
        return inbound.tryTake();
    }

    /** Inbound messages refused by the rate limit so far. */
    public int refusedMessages() {
        return inbound.violations();
    }

    /** The client answered a ping. */
    public void heard() {
        lastSeenNanos = System.nanoTime();
    }

    public long silentNanos() {
        return System.nanoTime() - lastSeenNanos;
    }
}
