package kr.vcp.gateway.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.IntConsumer;

/**
 * Opens the transport of a websockets-next connection. websockets-next only sends a {@code String}, which Vert.x
 * encodes and frames again for every connection; measured at 10,000 subscribers, one shared, already framed buffer
 * written to each connection's Netty channel doubled the deliveries per CPU-second (README, Benchmarks).
 * websockets-next keeps its Vert.x socket package-private and vertx-web wraps it, so both are reached by reflection;
 * should an upgrade move them, {@link #open} falls back to {@link VertxTransport}: slower, still correct.
 */
public final class Transports {

    /** Which transport to open: the Netty fast path where it can be had, or always the Vert.x fallback. */
    public enum Kind { NETTY, VERTX }

    private static final MethodHandle WEB_SOCKET = method(WebSocketConnectionBase.class, "webSocket");

    private Transports() {
    }

    /**
     * The transport of a connection just opened, its frames guarded ({@link FrameGuard}: {@code refusals} hears the
     * close code of each connection refused) and the HTTP server's idle timeout taken off it: that timeout drops
     * handshakes that never finish, while an open WebSocket is watched by the heartbeat (and the timeout would put a
     * listener on every frame written). Call it on the connection's own context, as {@code @OnOpen} runs. Without
     * its Netty channel (see the class comment) the connection has Vert.x's limits and the Vert.x transport.
     */
    public static Transport open(WebSocketConnection connection, Kind kind, int maxFrame, int maxMessage,
            IntConsumer refusals) {
        WebSocketBase socket = socket(connection);
        EventLoop loop = Vertx.currentContext() instanceof ContextInternal context ? context.nettyEventLoop() : null;
        if (loop == null) {
            throw new IllegalStateException("a transport is opened on the connection's event loop");
        }
        Channel channel = socket == null ? null : channel(socket);
        if (channel == null || !FrameGuard.install(channel.pipeline(), maxFrame, maxMessage, refusals)) {
            Log.warnf("Connection %s: frames not guarded (no Netty channel); Vert.x' limits apply", connection.id());
            return new VertxTransport(connection, socket, loop);
        }
        if (channel.pipeline().get(IdleStateHandler.class) != null) {
            channel.pipeline().remove(IdleStateHandler.class);
        }
        ChannelHandlerContext encoder = kind == Kind.NETTY ? channel.pipeline().context(WebSocketFrameEncoder.class)
                : null;
        return encoder == null ? new VertxTransport(connection, socket, loop) : new NettyTransport(channel, encoder);
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
