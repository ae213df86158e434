package kr.vcp.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection and what the gateway keeps for it: a bounded outbound queue written one frame at a time
 * (so a client that stops reading fills its own queue, never anyone else's), its topics, an inbound rate limit and
 * when it was last heard from.
 */
public final class ClientSession {

    /** Close codes a client can act on (4000-4999 are the application's). */
    public static final CloseReason SLOW_CONSUMER = new CloseReason(4008, "slow consumer: outbound queue full");
    public static final CloseReason HEARTBEAT_TIMEOUT = new CloseReason(4002, "no pong within the heartbeat timeout");
    public static final CloseReason TOO_MANY_MESSAGES = new CloseReason(1008, "policy violation: too many messages");
    public static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down");

    /** Reports what happened to frames and why a session was cut, for the gateway's counters. */
    public interface Listener {
        void sent(long enqueuedAtNanos, long kafkaTimestampMillis);

        void failed();

        void cutOffSlowConsumer(int framesDropped);
    }

    private record Outbound(String text, long enqueuedAtNanos, long kafkaTimestampMillis) {
    }

    private final WebSocketConnection connection;
    private final int capacity;
    private final Listener listener;
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final TokenBucket inbound;
    private boolean writing;
    private boolean closing;
    private volatile long lastSeenNanos = System.nanoTime();

    ClientSession(WebSocketConnection connection, int capacity, TokenBucket inbound, Listener listener) {
        this.connection = connection;
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

    Set<String> topics() {
        return topics;
    }

    /**
     * Queues a frame. When the queue is full the client is not reading: it is closed with {@link #SLOW_CONSUMER}
     * so that it slows no one else, and false is returned.
     *
     * @param kafkaTimestampMillis when the event behind it reached Kafka, or -1 for replies
     */
    public boolean send(String text, long kafkaTimestampMillis) {
        int dropped;
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (queue.size() < capacity) {
                queue.add(new Outbound(text, System.nanoTime(), kafkaTimestampMillis));
                if (!writing) {
                    writeNext();
                }
                return true;
            }
            dropped = queue.size() + 1;
        }
        Log.warnf("Connection %s stopped reading (%d frames waiting): closed", id(), dropped - 1);
        listener.cutOffSlowConsumer(dropped);
        closeQuietly(SLOW_CONSUMER);
        return false;
    }

    /** Closes with {@code reason}; frames still queued are dropped. */
    public Uni<Void> close(CloseReason reason) {
        synchronized (this) {
            closing = true;
            queue.clear();
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

    private void writeNext() {
        Outbound next = queue.poll();
        if (next == null) {
            writing = false;
            return;
        }
        writing = true;
        connection.sendText(next.text()).subscribe().with(ok -> {
            listener.sent(next.enqueuedAtNanos(), next.kafkaTimestampMillis());
            synchronized (this) {
                writeNext();
            }
        }, failure -> {
            listener.failed();
            synchronized (this) {
                queue.clear();
                writing = false;
            }
        });
    }
}
