package kr.vcp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import kr.vcp.model.Json;

/** A WebSocket client that behaves like the dashboard: connect, subscribe, keep every message it is sent. */
final class Browser implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CompletableFuture<Integer> closeCode = new java.util.concurrent.CompletableFuture<>();
    private final WebSocket socket;

    Browser(int gatewayPort) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gatewayPort + "/ws"), new Collector())
                .get(10, TimeUnit.SECONDS);
    }

    /** contract.md: {@code ws.send(JSON.stringify({type: "subscribe", topic: "signal:vcp"}))} */
    void subscribe() throws Exception {
        socket.sendText("{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}", true).get(5, TimeUnit.SECONDS);
        await(m -> m.path("type").asText().equals("subscribed"), Duration.ofSeconds(10));
    }

    /** Sends one text message, as the page's {@code ws.send}. */
    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The {@code signal_update} messages so far, in arrival order. */
    List<JsonNode> updates() {
        return received.stream().filter(m -> m.path("type").asText().equals("signal_update")).toList();
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode m : received) {
                if (match.test(m)) {
                    return m;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching message within " + timeout + "; received " + received);
    }

    /** The close code the server sent, waiting up to {@code timeout} for it. */
    int awaitCloseCode(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (closeCode.isDone()) {
            return;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    /** Collects whole text messages, as a browser's onmessage sees them. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }
}
