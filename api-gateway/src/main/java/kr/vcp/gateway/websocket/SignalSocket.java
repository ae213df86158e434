package kr.vcp.gateway.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import kr.vcp.gateway.service.ConnectionManager;
import kr.vcp.gateway.service.SignalBroadcaster;
import kr.vcp.model.ClientMessage;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.Topics;

/**
 * The dashboard's WebSocket ({@code /ws}, contract.md). A message the gateway cannot act on gets an {@code error}
 * reply and the connection stays open.
 */
@WebSocket(path = "/ws")
public class SignalSocket {

    private final ConnectionManager connections;
    private final SignalBroadcaster broadcaster;

    public SignalSocket(ConnectionManager connections, SignalBroadcaster broadcaster) {
        this.connections = connections;
        this.broadcaster = broadcaster;
    }

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        connections.opened(connection);
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        connections.closed(connection);
    }

    @OnError
    Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        Log.debugf("Connection %s: %s", connection.id(), failure.toString());
        return reply(connection, new ServerMessage.Error("internal_error", "the message could not be handled"));
    }

    @OnTextMessage
    Uni<Void> onMessage(WebSocketConnection connection, String text) {
        ClientMessage message;
        try {
            message = Json.MAPPER.readValue(text, ClientMessage.class);
        } catch (InvalidTypeIdException e) {
            return reply(connection, new ServerMessage.Error("unknown_type",
                    "\"type\" must be one of \"subscribe\", \"unsubscribe\", \"ping\""));
        } catch (JsonProcessingException e) {
            return reply(connection, new ServerMessage.Error(
                    e instanceof com.fasterxml.jackson.core.JsonParseException ? "malformed_json" : "invalid_message",
                    "not a message of the protocol: " + e.getOriginalMessage()));
        }
        if (message instanceof ClientMessage.Subscribe s) {
            return subscribe(connection, s.topic());
        }
        if (message instanceof ClientMessage.Unsubscribe u) {
            return unsubscribe(connection, u.topic());
        }
        return reply(connection, new ServerMessage.Pong(LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.MICROS)));
    }

    private Uni<Void> subscribe(WebSocketConnection connection, String topic) {
        if (!ConnectionManager.isTopic(topic)) {
            return unknownTopic(connection, topic);
        }
        // The acknowledgement goes first; the current page follows it from the broadcaster.
        return reply(connection, new ServerMessage.Subscribed(topic)).invoke(() -> {
            if (Topics.WS_SIGNAL_VCP.equals(topic)) {
                broadcaster.subscribe(connection);
            } else {
                connections.subscribe(connection, topic);
            }
        });
    }

    private Uni<Void> unsubscribe(WebSocketConnection connection, String topic) {
        if (!ConnectionManager.isTopic(topic)) {
            return unknownTopic(connection, topic);
        }
        connections.unsubscribe(connection, topic);
        return reply(connection, new ServerMessage.Unsubscribed(topic));
    }

    private static Uni<Void> unknownTopic(WebSocketConnection connection, String topic) {
        return reply(connection, new ServerMessage.Error("unknown_topic",
                topic == null ? "\"topic\" is required" : "no topic \"" + topic + "\"; the topics are "
                        + String.join(", ", ConnectionManager.TOPICS)));
    }

    private static Uni<Void> reply(WebSocketConnection connection, ServerMessage message) {
        return connection.sendText(Json.write(message));
    }
}
