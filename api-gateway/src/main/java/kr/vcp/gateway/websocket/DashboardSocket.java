package kr.vcp.gateway.websocket;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.model.ClientMessage;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.Topics;

/**
 * The dashboard's WebSocket ({@code /ws}, contract.md, both parts). On open: an acknowledgement for each topic of
 * {@code ?subscribe=}, then {@code connected} with the client id, then each topic's latest message. A message the
 * gateway cannot act on gets an {@code error} reply and the connection stays open; a client that floods is told
 * so, then closed.
 * <p>
 * Every callback runs on the connection's event loop ({@code @NonBlocking}; each is a few map operations): replies
 * are written where the socket is, and the replies to a burst of re-subscriptions leave in one flush.
 */
@WebSocket(path = DashboardSocket.PATH)
public class DashboardSocket {

    static final String PATH = "/ws";

    /** The query parameter that subscribes at the upgrade: {@code ?subscribe=signal:vcp,price:005930}. */
    static final String SUBSCRIBE_PARAM = "subscribe";

    private final Sessions sessions;
    private final Hub hub;
    private final SocketEvents stats;
    private final GatewayConfig.Ws config;

    public DashboardSocket(Sessions sessions, Hub hub, SocketEvents stats, GatewayConfig config) {
        this.sessions = sessions;
        this.hub = hub;
        this.stats = stats;
        this.config = config.ws();
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        ClientSession session = sessions.opened(connection);
        List<String> added = new ArrayList<>();
        for (String topic : upgradeTopics(connection.handshakeRequest().query())) {
            if (subscribe(session, topic)) {
                added.add(topic);
            }
        }
        session.send(ServerMessage.Connected.of(connection.id()));
        added.forEach(topic -> hub.sendLatest(session, topic));
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        sessions.closed(connection);
    }

    @OnPongMessage
    @NonBlocking
    void onPong(WebSocketConnection connection, Buffer data) {
        ClientSession session = sessions.session(connection);
        if (session != null) {
            session.heard();
        }
    }

    @OnError
    @NonBlocking
    void onError(WebSocketConnection connection, Throwable failure) {
        Log.debugf("Connection %s: %s", connection.id(), failure.toString());
        ClientSession session = sessions.session(connection);
        if (session != null) {
            session.send(new ServerMessage.Error("internal_error", "the message could not be handled"));
        }
    }

    @OnTextMessage
    @NonBlocking
    void onMessage(WebSocketConnection connection, String text) {
        ClientSession session = sessions.session(connection);
        if (session == null || session.isClosing()) {
            return;
        }
        if (!session.tryReceive()) {
            limit(session);
            return;
        }
        ClientMessage message;
        try {
            message = Json.MAPPER.readValue(text, ClientMessage.class);
        } catch (InvalidTypeIdException e) {
            session.send(new ServerMessage.Error("unknown_type",
                    "\"type\" must be one of \"subscribe\", \"unsubscribe\", \"ping\", \"pong\""));
            return;
        } catch (JsonProcessingException e) {
            session.send(new ServerMessage.Error(e instanceof JsonParseException ? "malformed_json" : "invalid_message",
                    "not a message of the protocol: " + e.getOriginalMessage()));
            return;
        }
        if (message instanceof ClientMessage.Subscribe s) {
            if (subscribe(session, s.topic())) {
                hub.sendLatest(session, s.topic());
            }
        } else if (message instanceof ClientMessage.Unsubscribe u) {
            unsubscribe(session, u.topic());
        } else if (message instanceof ClientMessage.Ping) {
            session.send(new ServerMessage.Pong(LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.MICROS)));
        }
        // A client's pong is its keep-alive: heard (tryReceive), and not answered.
    }

    /** Acknowledges, or says why not; returns whether a subscription was added (and wants its latest message). */
    private boolean subscribe(ClientSession session, String topic) {
        if (!Topics.isWsTopic(topic)) {
            unknownTopic(session, topic);
            return false;
        }
        Hub.Subscription result = hub.subscribe(session, topic);
        if (result == Hub.Subscription.TOO_MANY) {
            session.send(new ServerMessage.Error("too_many_subscriptions",
                    "at most " + config.maxSubscriptions() + " subscriptions per connection; " + topic + " refused"));
            return false;
        }
        session.send(ServerMessage.Subscribed.to(topic));
        return result == Hub.Subscription.ADDED;
    }

    private void unsubscribe(ClientSession session, String topic) {
        if (!Topics.isWsTopic(topic)) {
            unknownTopic(session, topic);
            return;
        }
        hub.unsubscribe(session, topic);
        session.send(ServerMessage.Unsubscribed.from(topic));
    }

    /** Over the rate: told once per burst of refusals, closed when it goes on. */
    private void limit(ClientSession session) {
        stats.rateLimited();
        int refused = session.refusedMessages();
        if (refused >= config.maxViolations()) {
            if (session.closeQuietly(ClientSession.TOO_MANY_MESSAGES)) {
                stats.policyViolation();
            }
        } else if (refused == 1 || refused % 10 == 0) {
            session.send(new ServerMessage.Error("rate_limited", "at most " + config.messagesPerSecond()
                    + " messages a second (bursts of " + config.messageBurst() + "); further messages are dropped"));
        }
    }

    private static void unknownTopic(ClientSession session, String topic) {
        session.send(new ServerMessage.Error("unknown_topic", topic == null ? "\"topic\" is required"
                : "no topic \"" + topic + "\"; topics are signal:{name}, debug:signal:{name}, price:{six-character "
                        + "KRX code}, market:{name} and market-gate"));
    }

    /** The topics of {@code ?subscribe=a,b}, in order, each once; none without the parameter. */
    static Set<String> upgradeTopics(String query) {
        Set<String> topics = new LinkedHashSet<>();
        if (query == null || query.isEmpty()) {
            return topics;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (SUBSCRIBE_PARAM.equals(name) && eq >= 0) {
                String value = decode(pair.substring(eq + 1));
                for (String topic : value.split(",")) {
                    if (!topic.isBlank()) {
                        topics.add(topic.trim());
                    }
                }
            }
        }
        return topics;
    }

    /** A malformed escape stays as it was, and is then refused as no topic. */
    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
