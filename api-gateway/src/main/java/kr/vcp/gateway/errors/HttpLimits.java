package kr.vcp.gateway.errors;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The size limits of a request, answered in the error body of every other refusal: a path over 4 KB is a 414,
 * headers over 16 KB a 431, a declared body over {@code quarkus.http.limits.max-body-size} a 413. Vert.x's HTTP
 * decoder answers its own limits with an empty body before any handler runs, so its limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set above these (64 KB), and
 * only a request beyond them gets a bare status.
 */
@ApplicationScoped
public class HttpLimits {

    static final int MAX_URI = 4096;
    static final int MAX_HEADERS = 16 * 1024;

    private final long maxBody;

    public HttpLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI) {
            refuse(context, 414, "the path and query are at most " + MAX_URI + " bytes");
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headers > MAX_HEADERS) {
            refuse(context, 431, "the headers are at most " + MAX_HEADERS + " bytes");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > maxBody) {
            refuse(context, 413, "a body is at most " + maxBody + " bytes");
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, int status, String message) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        answer(context, status, ApiError.forStatus(status, message));
    }

    /** Ends a request that no JAX-RS resource will see with {@code error} in the body of every other refusal. */
    public static void answer(RoutingContext context, int status, ApiError error) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.write(error));
    }
}
