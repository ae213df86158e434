package kr.vcp.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kr.vcp.gateway.messaging.SignalEventConsumer;
import kr.vcp.gateway.service.ConnectionManager;
import kr.vcp.gateway.service.GatewayStats;
import kr.vcp.gateway.service.SignalBroadcaster;

@Path("/ws/stats")
public class StatsResource {

    /** How the gateway is doing, for operators and the dashboard checklist. */
    public record WsStats(
            @JsonProperty("connections") int connections,
            @JsonProperty("subscribers") Map<String, Integer> subscribers,
            @JsonProperty("broadcaster") Broadcaster broadcaster,
            @JsonProperty("delivery") Delivery delivery) {
    }

    /**
     * Frames delivered and dropped, why connections were cut, and the lag from each event's Kafka timestamp to
     * its {@code signal_update} leaving the gateway (over the latest 16,384 deliveries; null before any).
     */
    public record Delivery(
            @JsonProperty("messages_delivered") long delivered,
            @JsonProperty("messages_dropped") long dropped,
            @JsonProperty("slow_consumer_disconnects") long slowConsumerDisconnects,
            @JsonProperty("heartbeat_disconnects") long heartbeatDisconnects,
            @JsonProperty("rate_limited_messages") long rateLimited,
            @JsonProperty("policy_disconnects") long policyDisconnects,
            @JsonProperty("upgrades_refused") long upgradesRefused,
            @JsonProperty("lag_p50_ms") Long lagP50Ms,
            @JsonProperty("lag_p99_ms") Long lagP99Ms,
            @JsonProperty("lag_max_ms") Long lagMaxMs) {
    }

    public record Broadcaster(
            @JsonProperty("running") boolean running,
            @JsonProperty("events_received") long eventsReceived,
            @JsonProperty("events_rejected") long eventsRejected,
            @JsonProperty("events_duplicate") long eventsDuplicate,
            @JsonProperty("signals") int signals,
            @JsonProperty("last_event_id") UUID lastEventId,
            @JsonProperty("last_event_at") Instant lastEventAt) {
    }

    private final ConnectionManager connections;
    private final SignalBroadcaster broadcaster;
    private final SignalEventConsumer consumer;
    private final GatewayStats stats;

    public StatsResource(ConnectionManager connections, SignalBroadcaster broadcaster, SignalEventConsumer consumer,
            GatewayStats stats) {
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.consumer = consumer;
        this.stats = stats;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public WsStats stats() {
        SignalBroadcaster.Stats b = broadcaster.stats();
        GatewayStats.Snapshot d = stats.snapshot();
        return new WsStats(connections.openConnections(), connections.subscriberCounts(),
                new Broadcaster(b.running(), b.eventsReceived(), consumer.rejected(), b.eventsDuplicate(), b.signals(),
                        b.lastEventId(), b.lastEventAt()),
                new Delivery(d.delivered(), d.dropped(), d.slowConsumerDisconnects(), d.heartbeatDisconnects(),
                        d.rateLimited(), d.policyDisconnects(), d.upgradesRefused(), d.lagP50Ms(), d.lagP99Ms(),
                        d.lagMaxMs()));
    }
}
