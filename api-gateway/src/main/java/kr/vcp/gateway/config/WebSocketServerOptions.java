package kr.vcp.gateway.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declines the old per-frame WebSocket compression (deflate-frame), which Vert.x accepts by default and no
 * property switches off. Per-message compression is switched off by
 * {@code quarkus.websockets-next.server.per-message-compression-supported} (application.properties): either would
 * compress every update once per connection, where the gateway sends one encoded frame to all.
 */
@ApplicationScoped
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setPerFrameWebSocketCompressionSupported(false);
    }
}
