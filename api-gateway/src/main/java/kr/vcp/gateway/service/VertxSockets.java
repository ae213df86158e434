package kr.vcp.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * The Vert.x socket under a websockets-next connection. websockets-next only sends a {@code String}, which Vert.x
 * encodes again for every connection; the broadcast writes one shared encoded frame instead, through the socket
 * that websockets-next keeps package-private. Should a Quarkus upgrade move it, {@link #of} answers null and the
 * gateway falls back to {@code sendText}, slower but correct.
 */
final class VertxSockets {

    private static final MethodHandle WEB_SOCKET = find();

    private VertxSockets() {
    }

    static WebSocketBase of(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (Throwable e) {
            return null;
        }
    }

    private static MethodHandle find() {
        try {
            Method method = WebSocketConnectionBase.class.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("Vert.x socket not reachable (%s): frames are encoded per connection", e);
            return null;
        }
    }
}
