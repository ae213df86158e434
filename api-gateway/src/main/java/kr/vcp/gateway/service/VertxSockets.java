package kr.vcp.gateway.service;

import io.netty.channel.Channel;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * What lies under a websockets-next connection. websockets-next only sends a {@code String}, which Vert.x encodes
 * and frames again for every connection; a broadcast instead writes one shared, already framed buffer to the
 * connection's Netty channel. websockets-next keeps its Vert.x socket package-private and vertx-web wraps it, so
 * both are reached by reflection; should an upgrade move them, the methods answer null and the gateway falls back
 * to the Vert.x socket, then to {@code sendText}: slower, still correct.
 */
final class VertxSockets {

    private static final MethodHandle WEB_SOCKET = method(WebSocketConnectionBase.class, "webSocket");

    private VertxSockets() {
    }

    /** The Vert.x socket of a connection, or null. */
    static WebSocketBase socket(WebSocketConnection connection) {
        if (WEB_SOCKET == null || !(connection instanceof WebSocketConnectionBase)) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (Throwable e) {
            return null;
        }
    }

    /** The Netty channel under a Vert.x socket (unwrapping vertx-web's wrapper), or null. */
    static Channel channel(WebSocketBase socket) {
        Object inner = socket;
        for (int depth = 0; depth < 3 && inner != null && !(inner instanceof WebSocketImplBase); depth++) {
            inner = delegate(inner);
        }
        return inner instanceof WebSocketImplBase<?> impl && impl.connection() instanceof ConnectionBase connection
                ? connection.channel() : null;
    }

    /** A wrapper's {@code delegate} field, looked up once per class. */
    private static final ClassValue<Field> DELEGATE = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            try {
                Field field = type.getDeclaredField("delegate");
                field.setAccessible(true);
                return field;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    private static Object delegate(Object wrapper) {
        Field field = DELEGATE.get(wrapper.getClass());
        try {
            return field == null ? null : field.get(wrapper);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static MethodHandle method(Class<?> owner, String name) {
        try {
            Method method = owner.getDeclaredMethod(name);
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("%s.%s not reachable (%s): frames are encoded per connection", owner.getSimpleName(), name, e);
            return null;
        }
    }
}
