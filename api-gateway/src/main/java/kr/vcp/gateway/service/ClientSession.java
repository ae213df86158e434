package kr.vcp.gateway.service;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
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
        void sent(long kafkaTimestampMillis);

        void failed();

        void cutOffSlowConsumer(int framesDropped);
    }

    /** Sessions written by one event-loop task; other work on that loop waits for no more than this many writes. */
    private static final int WRITES_PER_TASK = 256;

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final Channel channel;
    private final EventLoop eventLoop;
    private final int capacity;
    private final Listener listener;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> topics = ConcurrentHashMap.newKeySet(2);
    private final TokenBucket inbound;
    private boolean closing;
    private volatile long lastSeenNanos = System.nanoTime();

    ClientSession(WebSocketConnection connection, int capacity, TokenBucket inbound, Listener listener) {
        this.connection = connection;
        this.socket = VertxSockets.socket(connection);
        this.channel = socket == null ? null : VertxSockets.channel(socket);
        // Opened on the connection's own context: its event loop is the one that writes to the socket.
        this.eventLoop = Vertx.currentContext() instanceof ContextInternal context ? context.nettyEventLoop() : null;
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
        return channel != null && eventLoop != null;
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
            if (session.eventLoop == null) {
                session.send(text, kafkaTimestampMillis);
            } else {
                byLoop.computeIfAbsent(session.eventLoop, loop -> new ArrayList<>()).add(session);
            }
        }
        byLoop.forEach((loop, own) -> {
            for (int from = 0; from < own.size(); from += WRITES_PER_TASK) {
                List<ClientSession> chunk = own.subList(from, Math.min(own.size(), from + WRITES_PER_TASK));
                loop.execute(() -> chunk.forEach(session -> session.send(text, kafkaTimestampMillis)));
            }
        });
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
        int dropped;
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (inFlight.get() < capacity) {
                inFlight.incrementAndGet();
                // Written in the order of the calls: the session's lock orders them, the connection keeps the order.
                write(text, sent -> {
                    inFlight.decrementAndGet();
                    if (sent) {
                        listener.sent(kafkaTimestampMillis);
                    } else {
                        listener.failed();
                    }
                });
                return true;
            }
            dropped = inFlight.get() + 1;
            closing = true;
        }
        Log.warnf("Connection %s stopped reading (%d frames waiting): closed", id(), dropped - 1);
        listener.cutOffSlowConsumer(dropped);
        connection.close(SLOW_CONSUMER).subscribe().with(ok -> { }, failure -> { });
        return false;
    }

    /** Writes the frame by the fastest way this connection allows and reports whether it left. */
    private void write(EncodedText text, Consumer<Boolean> done) {
        if (channel != null) {
            channel.writeAndFlush(text.frame()).addListener(f -> done.accept(f.isSuccess()));
        } else if (socket != null) {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, text.payload(), true))
                    .onComplete(r -> done.accept(r.succeeded()));
        } else {
            connection.sendText(text.text()).subscribe().with(ok -> done.accept(true), e -> done.accept(false));
        }
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
