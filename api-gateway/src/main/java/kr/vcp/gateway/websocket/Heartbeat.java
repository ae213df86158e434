package kr.vcp.gateway.websocket;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kr.vcp.gateway.config.GatewayConfig;

/**
 * Pings every client at an interval and closes the ones silent past the timeout: a connection whose network died
 * without a close would otherwise stay open, and subscribed, forever.
 * <p>
 * The interval is cut into {@link #SLICES} ticks, and each tick serves the connections whose id falls in its slice.
 * Pinging 10,000 clients at once keeps two cores as busy as a broadcast to all of them, and a signal arriving then
 * would wait behind the pings.
 */
@ApplicationScoped
public class Heartbeat {

    private static final int SLICES = 30;
    private static final Buffer PING = Buffer.buffer("vcp");

    private final Sessions sessions;
    private final SocketEvents stats;
    private final GatewayConfig.Ws config;
    private final Vertx vertx;
    /** Ticks so far; counted by the timer's one event loop. */
    private long ticks;
    private long timer = -1;

    public Heartbeat(Sessions sessions, SocketEvents stats, GatewayConfig config, Vertx vertx) {
        this.sessions = sessions;
        this.stats = stats;
        this.config = config.ws();
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(1, config.heartbeatInterval().toMillis() / SLICES),
                id -> beat(ticks++ % SLICES));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void beat(long slice) {
        long timeout = config.heartbeatTimeout().toNanos();
        for (ClientSession session : sessions.all()) {
            if (Math.floorMod(session.id().hashCode(), SLICES) != slice) {
                continue;
            }
            if (session.silentNanos() > timeout) {
                // Once: a session closing already (its close frame waiting behind what it never read) is left be.
                if (session.closeQuietly(ClientSession.HEARTBEAT_TIMEOUT)) {
                    Log.infof("Connection %s silent for %d s: closed", session.id(),
                            session.silentNanos() / 1_000_000_000L);
                    stats.heartbeatTimeout();
                }
            } else {
                session.connection().sendPing(PING).subscribe().with(ok -> { }, failure -> { });
            }
        }
    }
}
