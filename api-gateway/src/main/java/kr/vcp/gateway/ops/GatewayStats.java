package kr.vcp.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.websocket.SocketEvents;

/**
 * The gateway's counters, for {@code /ws/stats} and Prometheus ({@code /q/metrics}) alike: frames delivered, bytes
 * dropped with clients cut off as too slow, frames not sent because the client had left, why connections were cut,
 * and the delivery lag from the Kafka record's timestamp to the frame being handed to the client's socket (or queued
 * behind the frames it has not read yet). Each cause of a disconnect counts connections, once each.
 */
@Startup // meters exist from the start, not from the first connection
@Singleton // no client proxy: every flush reports here
public class GatewayStats implements Hub.Listener, SocketEvents {

    /** Lag percentiles are over this many latest deliveries. */
    private static final int LAG_WINDOW = 16_384;

    /** Snapshot for {@code /ws/stats}. */
    public record Snapshot(long delivered, long dropped, long toClosed, long slowConsumerDisconnects,
            long heartbeatDisconnects,
            long rateLimited, long policyDisconnects, long protocolDisconnects, long upgradesRefused, Long lagP50Ms, Long lagP99Ms,
            Long lagMaxMs) {
    }

    private final LongAdder delivered = new LongAdder();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong toClosed = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong heartbeat = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong policy = new AtomicLong();
    private final AtomicLong protocol = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final long[] lags = new long[LAG_WINDOW];
    private long lagCount;

    public GatewayStats(MeterRegistry registry) {
        registry.gauge("vcp.ws.dropped.bytes", dropped);
        registry.gauge("vcp.ws.to.closed", toClosed);
        registry.gauge("vcp.ws.disconnects.slow.consumer", slow);
        registry.gauge("vcp.ws.disconnects.heartbeat", heartbeat);
        registry.gauge("vcp.ws.disconnects.policy", policy);
        registry.gauge("vcp.ws.disconnects.protocol", protocol);
        registry.gauge("vcp.ws.messages.rate.limited", rateLimited);
        registry.gauge("vcp.ws.upgrades.refused", refused);
        FunctionCounter.builder("vcp.ws.delivered", delivered, LongAdder::sum).description("frames sent to clients")
                .register(registry);
        // The same window as /ws/stats, read when scraped: nothing more is done per frame for Prometheus.
        Map<String, Function<Snapshot, Long>> quantiles = Map.of("0.5", Snapshot::lagP50Ms, "0.99", Snapshot::lagP99Ms);
        quantiles.forEach((quantile, lag) -> Gauge.builder("vcp.ws.delivery.lag", this, stats -> {
            Long value = lag.apply(stats.snapshot());
            return value == null ? Double.NaN : value;
        }).baseUnit("milliseconds").tag("quantile", quantile).strongReference(true)
                .description("Kafka record timestamp to the signal_update frame written, over the latest deliveries")
                .register(registry));
    }

    /**
     * {@code frames} frames of one batch were flushed, a few hundred sockets at most; the lag of all of them is taken
     * after the last, from the oldest record of the batch, so a frame's may be over by the time the ones before it
     * took. What is not live (a topic's latest message on becoming live) has no timestamp and no lag.
     */
    @Override
    public void delivered(int frames, long kafkaTimestampMillis) {
        delivered.add(frames);
        if (kafkaTimestampMillis > 0) {
            long lag = Math.max(0, System.currentTimeMillis() - kafkaTimestampMillis);
            synchronized (lags) {
                for (int i = 0; i < frames; i++) {
                    lags[(int) (lagCount++ % LAG_WINDOW)] = lag;
                }
            }
        }
    }

    @Override
    public void replied(int frames) {
        delivered.add(frames);
    }

    @Override
    public void toClosedConnection() {
        toClosed.incrementAndGet();
    }

    @Override
    public void cutOffSlowConsumer(long bytesDropped) {
        slow.incrementAndGet();
        dropped.addAndGet(bytesDropped);
    }

    @Override
    public void heartbeatTimeout() {
        heartbeat.incrementAndGet();
    }

    @Override
    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    @Override
    public void policyViolation() {
        policy.incrementAndGet();
    }

    @Override
    public void protocolViolation() {
        protocol.incrementAndGet();
    }

    @Override
    public void upgradeRefused() {
        refused.incrementAndGet();
    }

    public Snapshot snapshot() {
        long[] window;
        synchronized (lags) {
            window = Arrays.copyOf(lags, (int) Math.min(lagCount, LAG_WINDOW));
        }
        Arrays.sort(window);
        Long p50 = window.length == 0 ? null : window[(int) Math.floor(0.50 * (window.length - 1))];
        Long p99 = window.length == 0 ? null : window[(int) Math.floor(0.99 * (window.length - 1))];
        Long max = window.length == 0 ? null : window[window.length - 1];
        return new Snapshot(delivered.sum(), dropped.get(), toClosed.get(), slow.get(), heartbeat.get(),
                rateLimited.get(), policy.get(), protocol.get(), refused.get(), p50, p99, max);
    }
}
