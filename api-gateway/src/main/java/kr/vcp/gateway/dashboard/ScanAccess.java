package kr.vcp.gateway.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import kr.vcp.gateway.config.GatewayConfig;

/** Who may scan through the gateway: anyone, or, with {@code vcp.scans.keys} set, a client sending one of them. */
@ApplicationScoped
public class ScanAccess {

    private final List<byte[]> keys;

    public ScanAccess(GatewayConfig config) {
        this.keys = config.scans().keys().orElse(List.of()).stream()
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether a request with this {@code X-API-Key} (null when absent) may scan; keys compared in constant time. */
    boolean allows(String key) {
        if (keys.isEmpty()) {
            return true;
        }
        byte[] given = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (byte[] k : keys) {
            found |= MessageDigest.isEqual(k, given);
        }
        return found;
    }
}
