package kr.vcp.gateway.limits;

/** A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. Thread-safe. */
public final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int violations;

    public TokenBucket(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    public synchronized boolean tryTake() {
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

    /** Whether it is full again: its owner has been quiet long enough to be forgotten. */
    public synchronized boolean full() {
        return Math.min(burst, tokens + (System.nanoTime() - refilledAt) * perNano) >= burst;
    }

    /** Seconds until one more token. */
    public synchronized long secondsToNext() {
        double missing = 1 - Math.min(burst, tokens + (System.nanoTime() - refilledAt) * perNano);
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano / 1e9);
    }

    /** Messages refused so far. */
    public synchronized int violations() {
        return violations;
    }
}
