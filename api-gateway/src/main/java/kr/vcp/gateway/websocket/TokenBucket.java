package kr.vcp.gateway.websocket;

/** A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int violations;

    TokenBucket(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        violations++;
        return false;
    }

    /** Messages refused so far. */
    synchronized int violations() {
        return violations;
    }
}
