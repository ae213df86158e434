package kr.vcp.gateway.errors;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;
import kr.vcp.model.RequestLimits;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link RequestLimits} checked before any handler reads a request, and refused in the error body of every other
 * refusal. The HTTP decoder's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size})
 * are set above these (64 KB), so that only a request beyond them gets its bare status.
 */
@ApplicationScoped
public class HttpLimits {

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
        RequestLimits.Refusal refusal = RequestLimits.check(request.uri(), request.headers(),
                request.getHeader(HttpHeaders.CONTENT_LENGTH), maxBody);
        if (refusal == null) {
            context.next();
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        answer(context, refusal.status(), refusal.error());
    }

    /** Ends a request that no JAX-RS resource will see with {@code error} in the body of every other refusal. */
    public static void answer(RoutingContext context, int status, ApiError error) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.write(error));
    }
}
