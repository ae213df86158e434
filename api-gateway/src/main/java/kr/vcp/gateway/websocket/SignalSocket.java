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
import io.vertx.core.buffer.Buffer;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.gateway.service.ClientSession;
import kr.vcp.gateway.service.ConnectionManager;
import kr.vcp.gateway.service.GatewayStats;
import kr.vcp.gateway.service.SignalBroadcaster;
import kr.vcp.model.ClientMessage;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.Topics;

/**
 * The dashboard's WebSocket ({@code /ws}, contract.md). A message the gateway cannot act on gets an {@code error}
 * reply and the connection stays open; a client that floods is told so, then closed. Replies go through the
 * session's queue, in order with the updates.
 */
@WebSocket(path = "/ws")
public class SignalSocket {

    private final ConnectionManager connections;
    private final SignalBroadcaster broadcaster;
    private final GatewayStats stats;
    private final GatewayConfig.Ws config;

    public SignalSocket(ConnectionManager connections, SignalBroadcaster broadcaster, GatewayStats stats,
            GatewayConfig config) {
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.stats = stats;
        this.config = config.ws();
    }

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        connections.opened(connection);
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        connections.closed(connection);
    }

    @OnPongMessage
    void onPong(WebSocketConnection connection, Buffer data) {
        ClientSession session = connections.session(connection);
        if (session != null) {
            session.heard();
        }
    }

    @OnError
    void onError(WebSocketConnection connection, Throwable failure) {
        Log.debugf("Connection %s: %s", connection.id(), failure.toString());
        ClientSession session = connections.session(connection);
        if (session != null) {
            reply(session, new ServerMessage.Error("internal_error", "the message could not be handled"));
        }
    }

    @OnTextMessage
    void onMessage(WebSocketConnection connection, String text) {
        ClientSession session = connections.session(connection);
        if (session == null) {
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
            reply(session, new ServerMessage.Error("unknown_type",
                    "\"type\" must be one of \"subscribe\", \"unsubscribe\", \"ping\""));
            return;
        } catch (JsonProcessingException e) {
            reply(session, new ServerMessage.Error(e instanceof JsonParseException ? "malformed_json" : "invalid_message",
                    "not a message of the protocol: " + e.getOriginalMessage()));
            return;
        }
        if (message instanceof ClientMessage.Subscribe s) {
            subscribe(session, s.topic());
        } else if (message instanceof ClientMessage.Unsubscribe u) {
            unsubscribe(session, u.topic());
        } else {
            reply(session, new ServerMessage.Pong(LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.MICROS)));
        }
    }

    private void subscribe(ClientSession session, String topic) {
        if (!ConnectionManager.isTopic(topic)) {
            unknownTopic(session, topic);
            return;
        }
        // The acknowledgement goes first; the current page follows it.
        reply(session, new ServerMessage.Subscribed(topic));
        ConnectionManager.Subscription result = Topics.WS_SIGNAL_VCP.equals(topic) ? broadcaster.subscribe(session)
                : connections.subscribe(session, topic);
        if (result == ConnectionManager.Subscription.TOO_MANY) {
            reply(session, new ServerMessage.Error("too_many_subscriptions",
                    "at most " + config.maxSubscriptions() + " subscriptions per connection"));
        }
    }

    private void unsubscribe(ClientSession session, String topic) {
        if (!ConnectionManager.isTopic(topic)) {
            unknownTopic(session, topic);
            return;
        }
        connections.unsubscribe(session, topic);
        reply(session, new ServerMessage.Unsubscribed(topic));
    }

    /** Over the rate: told once per burst of refusals, closed when it goes on. */
    private void limit(ClientSession session) {
        stats.rateLimited();
        int refused = session.refusedMessages();
        if (refused >= config.maxViolations()) {
            stats.policyViolation();
            session.closeQuietly(ClientSession.TOO_MANY_MESSAGES);
        } else if (refused == 1 || refused % 10 == 0) {
            reply(session, new ServerMessage.Error("rate_limited", "at most " + config.messagesPerSecond()
                    + " messages a second (bursts of " + config.messageBurst() + "); further messages are dropped"));
        }
    }

    private void unknownTopic(ClientSession session, String topic) {
        reply(session, new ServerMessage.Error("unknown_topic",
                topic == null ? "\"topic\" is required" : "no topic \"" + topic + "\"; the topics are "
                        + String.join(", ", ConnectionManager.TOPICS.stream().sorted().toList())));
    }

    private static void reply(ClientSession session, ServerMessage message) {
        session.send(Json.write(message));
    }
}
