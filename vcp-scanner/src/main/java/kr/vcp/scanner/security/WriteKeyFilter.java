package kr.vcp.scanner.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import kr.vcp.model.ApiError;
import kr.vcp.scanner.config.ScannerConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reading is open; every write (any method but GET, HEAD and OPTIONS: scans, imports, ticks, backtests, the
 * generator) needs the write key in {@code X-API-Key}, compared in constant time. While no key is configured, writes
 * are refused. A client that sends too many wrong keys is refused every write for a while (429, {@link FailedAttempts}).
 */
public class WriteKeyFilter {

    /** The header a write sends its key in, as the gateway's admin requests do. */
    public static final String HEADER = "X-API-Key";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ScannerConfig config;
    private final FailedAttempts failures;

    public WriteKeyFilter(ScannerConfig config, FailedAttempts failures) {
        this.config = config;
        this.failures = failures;
    }

    @ServerRequestFilter
    public Response requireWriteKey(ContainerRequestContext request, HttpServerRequest http) {
        if (READS.contains(request.getMethod())) {
            return null;
        }
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        long now = System.nanoTime();
        Duration locked = failures.lockedFor(client, now);
        if (!locked.isZero()) {
            long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
            return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", seconds)
                    .entity(ApiError.of("too_many_attempts", "too many wrong write keys from " + client
                            + "; writes from it are refused for " + seconds + " s")).build();
        }
        String expected = config.security().writeApiKey().filter(k -> !k.isBlank()).orElse(null);
        if (expected == null) {
            return refuse("writes are off: no write key is configured (VCP_WRITE_API_KEY)");
        }
        String given = request.getHeaderString(HEADER);
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            failures.failed(client, now);
            return refuse("send the write key in the " + HEADER + " header");
        }
        return null;
    }

    private static Response refuse(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("unauthorized", message)).build();
    }
}
