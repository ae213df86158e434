package kr.vcp.gateway.service;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.model.Topics;

/**
 * The open sessions and which topic each is subscribed to, indexed by topic so that a broadcast touches only its
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

    /** What subscribing did. */
    public enum Subscription { ADDED, ALREADY, TOO_MANY }

    private final GatewayConfig.Ws config;
    private final GatewayStats stats;
    private final Map<String, ClientSession> open = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> byTopic = new ConcurrentHashMap<>();

    public ConnectionManager(GatewayConfig config, GatewayStats stats) {
        this.config = config.ws();
        this.stats = stats;
        TOPICS.forEach(topic -> byTopic.put(topic, ConcurrentHashMap.newKeySet()));
    }

    public ClientSession opened(WebSocketConnection connection) {
        ClientSession session = new ClientSession(connection, config.outboundQueue(),
                new TokenBucket(config.messagesPerSecond(), config.messageBurst()), stats);
        open.put(connection.id(), session);
        return session;
    }

    public void closed(WebSocketConnection connection) {
        ClientSession session = open.remove(connection.id());
        if (session != null) {
            session.topics().forEach(topic -> byTopic.get(topic).remove(session));
        }
    }

    /** The session of an open connection, or null once it closed. */
    public ClientSession session(WebSocketConnection connection) {
        return open.get(connection.id());
    }

    public Subscription subscribe(ClientSession session, String topic) {
        if (session.topics().contains(topic)) {
            return Subscription.ALREADY;
        }
        if (session.topics().size() >= config.maxSubscriptions()) {
            return Subscription.TOO_MANY;
        }
        session.topics().add(topic);
        byTopic.get(topic).add(session);
        return Subscription.ADDED;
    }

    /** Returns false when the session was not subscribed. */
    public boolean unsubscribe(ClientSession session, String topic) {
        byTopic.get(topic).remove(session);
        return session.topics().remove(topic);
    }

    public Collection<ClientSession> subscribers(String topic) {
        return byTopic.getOrDefault(topic, Set.of());
    }

    public Collection<ClientSession> sessions() {
        return open.values();
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
