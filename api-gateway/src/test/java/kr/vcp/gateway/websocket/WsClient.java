package kr.vcp.gateway.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import kr.vcp.model.Json;

/** A dashboard-like test client: connects to /ws, records every message it receives. */
public final class WsClient implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final WebSocketClientConnection connection;

    public WsClient(URI base) {
        // On the connection's event loop, one message after the other: the default runs them on worker threads
        // side by side, so a test could see the last update before the ones before it were recorded.
        connection = BasicWebSocketConnector.create().baseUri(base).path("/ws")
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .addHeader("Origin", "http://dashboard.test")
                .onTextMessage((c, text) -> received.add(parse(text)))
                .connectAndAwait();
    }

    public void send(String text) {
        connection.sendTextAndAwait(text);
    }

    public void subscribe() {
        subscribe(kr.vcp.model.Topics.WS_SIGNAL_VCP);
    }

    public void subscribe(String topic) {
        send("{\"type\": \"subscribe\", \"topic\": \"" + topic + "\"}");
        await(m -> m.path("type").asText().equals("subscribed") && m.path("topic").asText().equals(topic),
                Duration.ofSeconds(5));
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The first message so far, or within the timeout, that matches; fails the test otherwise. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode m : received) {
                if (match.test(m)) {
                    return m;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no matching message within " + timeout + "; received " + received);
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        if (connection.isOpen()) {
            connection.closeAndAwait();
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
