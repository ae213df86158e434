package kr.vcp.gateway.websocket;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.gateway.service.ClientSession;
import kr.vcp.gateway.service.ConnectionManager;
import kr.vcp.gateway.service.GatewayStats;

/**
 * Pings every client at an interval and closes the ones silent past the timeout: a connection whose network died
 * without a close would otherwise stay open, and subscribed, forever.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Buffer PING = Buffer.buffer("vcp");

    private final ConnectionManager connections;
    private final GatewayStats stats;
    private final GatewayConfig.Ws config;
    private final Vertx vertx;

    public Heartbeat(ConnectionManager connections, GatewayStats stats, GatewayConfig config, Vertx vertx) {
        this.connections = connections;
        this.stats = stats;
        this.config = config.ws();
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> beat());
    }

    void beat() {
        long timeout = config.heartbeatTimeout().toNanos();
        for (ClientSession session : connections.sessions()) {
            if (session.silentNanos() > timeout) {
                Log.infof("Connection %s silent for %d s: closed", session.id(), session.silentNanos() / 1_000_000_000L);
                stats.heartbeatTimeout();
                session.closeQuietly(ClientSession.HEARTBEAT_TIMEOUT);
            } else {
                session.connection().sendPing(PING).subscribe().with(ok -> { }, failure -> { });
            }
        }
    }
}
