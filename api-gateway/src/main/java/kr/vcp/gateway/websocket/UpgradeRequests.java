package kr.vcp.gateway.websocket;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Base64;
import kr.vcp.model.ApiError;
import kr.vcp.gateway.errors.HttpLimits;

/**
 * An upgrade to {@code /ws} without a valid {@code Sec-WebSocket-Key} (RFC 6455 4.1: 16 random bytes in base64) is
 * refused with 400 before websockets-next sees it: it would otherwise accept a malformed key, and answer a missing
 * one with 404, as if {@code /ws} did not exist.
 */
@ApplicationScoped
public class UpgradeRequests {

    /** Before websockets-next's own route for the path. */
    private static final int ORDER = -1_000;

    void route(@Observes Router router) {
        router.get(DashboardSocket.PATH).order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String upgrade = context.request().getHeader(HttpHeaders.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket") || validKey(context.request().getHeader(
                "Sec-WebSocket-Key"))) {
            context.next();
            return;
        }
        HttpLimits.answer(context, 400, ApiError.of("invalid_upgrade",
                "Sec-WebSocket-Key must be 16 bytes in base64 (RFC 6455, section 4.1)"));
    }

    static boolean validKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
