package kr.vcp.gateway.websocket;

import kr.vcp.gateway.limits.TokenBucket;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.transport.Transports;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open connections, each with its session. On shutdown the hub stops and every client gets a going-away close
 * (1001) while the HTTP server still runs, so that it reconnects elsewhere at once.
 */
@Singleton
public class Sessions {

    private final Hub hub;
    private final SocketEvents stats;
    private final GatewayConfig.Ws config;
    private final Map<String, ClientSession> open = new ConcurrentHashMap<>();

    private final int maxFrame;
    private final int maxMessage;

    public Sessions(Hub hub, SocketEvents stats, GatewayConfig config,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-frame-size", defaultValue = "65536") int maxFrame,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size", defaultValue = "65536")
            int maxMessage) {
        this.hub = hub;
        this.stats = stats;
        this.config = config.ws();
        this.maxFrame = maxFrame;
        this.maxMessage = maxMessage;
    }

    /** On the connection's event loop, as {@code @OnOpen} runs. */
    ClientSession opened(WebSocketConnection connection) {
        ClientSession session = new ClientSession(connection, Transports.open(connection, config.transport(), maxFrame,
                maxMessage, code -> stats.protocolViolation()),
                config.maxBacklog().asLongValue(), new TokenBucket(config.messagesPerSecond(), config.messageBurst()),
                stats);
        open.put(connection.id(), session);
        return session;
    }

    void closed(WebSocketConnection connection) {
        ClientSession session = open.remove(connection.id());
        if (session != null) {
            hub.leave(session);
        }
    }

    /** The session of an open connection, or null once it closed. */
    public ClientSession session(WebSocketConnection connection) {
        return open.get(connection.id());
    }

    public Collection<ClientSession> all() {
        return open.values();
    }

    public int count() {
        return open.size();
    }

    /** Shutdown begins (quarkus.shutdown.delay-enabled): readiness turns DOWN and clients are told to go. */
    void onShutdownStarts(@Observes ShutdownDelayInitiatedEvent event) {
        goAway();
    }

    /** The same, when no shutdown delay is configured (the server may then close clients first, with 1000). */
    void onStop(@Observes ShutdownEvent event) {
        goAway();
    }

    private void goAway() {
        hub.stop();
        List<Uni<Void>> closes = open.values().stream()
                .map(s -> s.close(ClientSession.GOING_AWAY).onFailure().recoverWithNull()).toList();
        if (!closes.isEmpty()) {
            Log.infof("Closing %d connections: server shutting down", closes.size());
            // Shutdown runs on its own thread: waiting here lets the close frames leave before the server stops.
            Uni.join().all(closes).andCollectFailures().onFailure().recoverWithNull()
                    .await().atMost(Duration.ofSeconds(5));
        }
    }
}
