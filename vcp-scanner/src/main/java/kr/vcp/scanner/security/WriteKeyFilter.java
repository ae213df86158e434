package kr.vcp.scanner.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import kr.vcp.model.ApiError;
import kr.vcp.scanner.config.ScannerConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reading is open; every write (any method but GET, HEAD and OPTIONS: scans, imports, the generator) needs the
 * write key in {@code X-API-Key}, compared in constant time. While no key is configured, writes are refused.
 */
public class WriteKeyFilter {

    /** The header a write sends its key in, as the gateway's admin requests do. */
    public static final String HEADER = "X-API-Key";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ScannerConfig config;

    public WriteKeyFilter(ScannerConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response requireWriteKey(ContainerRequestContext request) {
        if (READS.contains(request.getMethod())) {
            return null;
        }
        String expected = config.security().writeApiKey().filter(k -> !k.isBlank()).orElse(null);
        if (expected == null) {
            return refuse("writes are off: no write key is configured (VCP_WRITE_API_KEY)");
        }
        String given = request.getHeaderString(HEADER);
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            return refuse("send the write key in the " + HEADER + " header");
        }
        return null;
    }

    private static Response refuse(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("unauthorized", message)).build();
    }
}
