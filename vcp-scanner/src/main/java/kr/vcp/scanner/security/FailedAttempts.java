package kr.vcp.scanner.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.scanner.config.ScannerConfig;

/**
 * Wrong write keys by client address, in fixed windows: a client that sent {@code max-failed-attempts} wrong keys is
 * refused every write until its window ends, whatever key it sends then, so a key cannot be guessed at network speed.
 */
@ApplicationScoped
public class FailedAttempts {

    /** Addresses remembered before expired windows are swept: a flood from many addresses stays bounded. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Window(long startedNanos, int failures) {
    }

    private final Map<String, Window> byClient = new ConcurrentHashMap<>();
    private final int max;
    private final long windowNanos;

    @jakarta.inject.Inject
    public FailedAttempts(ScannerConfig config) {
        this(config.security().maxFailedAttempts(), config.security().failedAttemptsWindow());
    }

    FailedAttempts(int max, Duration window) {
        this.max = max;
        this.windowNanos = window.toNanos();
    }

    /** How long {@code client} stays refused; zero when it is not. */
    public Duration lockedFor(String client, long nowNanos) {
        Window w = byClient.get(client);
        if (w == null || nowNanos - w.startedNanos() >= windowNanos || w.failures() < max) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(windowNanos - (nowNanos - w.startedNanos()));
    }

    public void failed(String client, long nowNanos) {
        if (byClient.size() > SWEEP_ABOVE) {
            byClient.values().removeIf(w -> nowNanos - w.startedNanos() >= windowNanos);
        }
        byClient.compute(client, (k, w) -> w == null || nowNanos - w.startedNanos() >= windowNanos
                ? new Window(nowNanos, 1) : new Window(w.startedNanos(), w.failures() + 1));
    }
}
