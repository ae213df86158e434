package kr.vcp.gateway.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.gateway.config.GatewayConfig;

/**
 * Scans triggered through the gateway (the live page's form, the dashboard's button), limited per client address: a
 * trader pressing the button is never refused, a client firing scans in a loop is (429).
 */
@ApplicationScoped
public class ScanThrottle {

    /** Clients remembered before those quiet long enough are forgotten. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Map<String, TokenBucket> byClient = new ConcurrentHashMap<>();
    private final GatewayConfig.Scans config;

    public ScanThrottle(GatewayConfig config) {
        this.config = config.scans();
    }

    /** Seconds {@code client} must wait before its next scan; zero when it may scan now (and the scan is counted). */
    public long waitFor(String client) {
        if (byClient.size() > SWEEP_ABOVE) {
            byClient.values().removeIf(TokenBucket::full);
        }
        TokenBucket bucket = byClient.computeIfAbsent(client,
                c -> new TokenBucket(config.perMinute() / 60.0, config.burst()));
        return bucket.tryTake() ? 0 : Math.max(1, bucket.secondsToNext());
    }
}
