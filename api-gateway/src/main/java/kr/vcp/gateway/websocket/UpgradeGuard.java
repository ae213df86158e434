package kr.vcp.gateway.websocket;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import kr.vcp.gateway.config.GatewayConfig;

/**
 * Checks every upgrade to {@code /ws} before a connection exists: the connection cap (503), the origin
 * allow-list for browsers (403) and, when tokens are configured, the token (401). The refusal's reason is in a
 * header.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    static final String REASON_HEADER = "X-Refused-Because";

    private final Sessions sessions;
    private final SocketEvents stats;
    private final GatewayConfig.Ws config;

    public UpgradeGuard(Sessions sessions, SocketEvents stats, GatewayConfig config) {
        this.sessions = sessions;
        this.stats = stats;
        this.config = config.ws();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        // Counts registered sessions: upgrades racing each other may pass a connection or two over the cap, which
        // protects the server as well and keeps no reservation that a failed handshake could leak.
        if (sessions.count() >= config.maxConnections()) {
            return refuse(503, "too many connections (" + config.maxConnections() + ")");
        }
        // Origins: Quarkus' CORS filter (quarkus.http.cors.origins) refuses pages of other origins before this runs.
        if (config.tokens().isPresent() && !config.tokens().get().contains(token(request))) {
            return refuse(401, "a valid token is required (?token= or Authorization: Bearer)");
        }
        return CheckResult.permitUpgrade();
    }

    private static String token(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return header.substring("Bearer ".length()).trim();
        }
        return request.getParam("token");
    }

    private Uni<CheckResult> refuse(int status, String reason) {
        stats.upgradeRefused();
        return CheckResult.rejectUpgrade(status, Map.of(REASON_HEADER, List.of(reason)));
    }
}
