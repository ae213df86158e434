package kr.vcp.gateway.service;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.model.Topics;

/**
 * Which open connection subscribed to which topic, indexed by topic so that a broadcast touches only its
 * subscribers.
 */
@ApplicationScoped
public class ConnectionManager {

    /** The topics a client may subscribe to. */
    public static final Set<String> TOPICS = Set.of(Topics.WS_SIGNAL_VCP, Topics.WS_DEBUG_SIGNAL_VCP);

    /** Whether clients may subscribe to {@code topic}; null is no topic. */
    public static boolean isTopic(String topic) {
        return topic != null && TOPICS.contains(topic);
    }

    private final Map<String, WebSocketConnection> open = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketConnection>> byTopic = new ConcurrentHashMap<>();

    public void opened(WebSocketConnection connection) {
        open.put(connection.id(), connection);
    }

    public void closed(WebSocketConnection connection) {
        open.remove(connection.id());
        byTopic.values().forEach(subscribers -> subscribers.remove(connection));
    }

    /** Returns false when the connection was already subscribed. */
    public boolean subscribe(WebSocketConnection connection, String topic) {
        return byTopic.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Returns false when the connection was not subscribed. */
    public boolean unsubscribe(WebSocketConnection connection, String topic) {
        Set<WebSocketConnection> subscribers = byTopic.get(topic);
        return subscribers != null && subscribers.remove(connection);
    }

    public Collection<WebSocketConnection> subscribers(String topic) {
        return byTopic.getOrDefault(topic, Set.of());
    }

    public int openConnections() {
        return open.size();
    }

    /** Subscribers per known topic, zero included. */
    public Map<String, Integer> subscriberCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        TOPICS.forEach(topic -> counts.put(topic, subscribers(topic).size()));
        return counts;
    }
}
