package kr.vcp.gateway.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/** WebSocket compression on the HTTP server, as {@code vcp.ws.compression} says (Vert.x accepts it by default). */
@ApplicationScoped
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    private final GatewayConfig config;

    public WebSocketServerOptions(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        boolean compression = config.ws().compression();
        options.setPerMessageWebSocketCompressionSupported(compression).setPerFrameWebSocketCompressionSupported(compression);
    }
}
