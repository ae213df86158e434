package kr.vcp.gateway.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.kafka.FeedConsumer;
import kr.vcp.gateway.kafka.SignalFeed;
import kr.vcp.gateway.websocket.Sessions;
import kr.vcp.model.Topics;

@Path("/ws/stats")
public class StatsResource {

    /** The topics counted by name in {@code subscribers}; price topics are summed under {@code price:*}. */
    static final List<String> NAMED_TOPICS = List.of(Topics.WS_SIGNAL_VCP, Topics.WS_DEBUG_SIGNAL_VCP,
            Topics.WS_MARKET_KOSPI, Topics.WS_MARKET_KOSDAQ, Topics.WS_MARKET_GATE);

    /** How the gateway is doing, for operators and the dashboard checklist. */
    public record WsStats(
            @JsonProperty("connections") int connections,
            @JsonProperty("topics") int topics,
            @JsonProperty("subscribers") Map<String, Integer> subscribers,
            @JsonProperty("broadcaster") Broadcaster broadcaster,
            @JsonProperty("delivery") Delivery delivery) {
    }

    /**
     * Frames delivered, bytes thrown away with clients cut off as too slow, frames not sent because the client had
     * already left, why connections were cut (connections, once each), and the lag from each record's Kafka
     * timestamp to its frame leaving the gateway (over the latest 16,384 deliveries; null before any).
     */
    public record Delivery(
            @JsonProperty("messages_delivered") long delivered,
            @JsonProperty("bytes_dropped") long dropped,
            @JsonProperty("messages_to_closed_connections") long toClosed,
            @JsonProperty("slow_consumer_disconnects") long slowConsumerDisconnects,
            @JsonProperty("heartbeat_disconnects") long heartbeatDisconnects,
            @JsonProperty("rate_limited_messages") long rateLimited,
            @JsonProperty("policy_disconnects") long policyDisconnects,
            @JsonProperty("protocol_disconnects") long protocolDisconnects,
            @JsonProperty("upgrades_refused") long upgradesRefused,
            @JsonProperty("lag_p50_ms") Long lagP50Ms,
            @JsonProperty("lag_p99_ms") Long lagP99Ms,
            @JsonProperty("lag_max_ms") Long lagMaxMs) {
    }

    /**
     * The hub and its feeds: broadcasting ({@code running}: started and caught up with the feeds' history), records
     * read per feed, and the signal page.
     */
    public record Broadcaster(
            @JsonProperty("running") boolean running,
            @JsonProperty("caught_up") boolean caughtUp,
            @JsonProperty("events_received") long eventsReceived,
            @JsonProperty("events_rejected") long eventsRejected,
            @JsonProperty("events_duplicate") long eventsDuplicate,
            @JsonProperty("price_ticks_received") long priceTicks,
            @JsonProperty("market_events_received") long marketEvents,
            @JsonProperty("signals") int signals,
            @JsonProperty("last_event_id") UUID lastEventId,
            @JsonProperty("last_event_at") Instant lastEventAt) {
    }

    private final Sessions sessions;
    private final Hub hub;
    private final SignalFeed signals;
    private final FeedConsumer consumer;
    private final GatewayStats stats;

    public StatsResource(Sessions sessions, Hub hub, SignalFeed signals, FeedConsumer consumer, GatewayStats stats) {
        this.sessions = sessions;
        this.hub = hub;
        this.signals = signals;
        this.consumer = consumer;
        this.stats = stats;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public WsStats stats() {
        SignalFeed.Stats s = signals.stats();
        FeedConsumer.Counts c = consumer.counts();
        GatewayStats.Snapshot d = stats.snapshot();
        return new WsStats(sessions.count(), hub.topicCount(), hub.subscriberCounts(NAMED_TOPICS),
                new Broadcaster(hub.isLive(), hub.isCaughtUp(), s.eventsReceived(), c.rejected(), s.eventsDuplicate(),
                        c.prices(), c.market(), s.signals(), s.lastEventId(), s.lastEventAt()),
                new Delivery(d.delivered(), d.dropped(), d.toClosed(), d.slowConsumerDisconnects(),
                        d.heartbeatDisconnects(), d.rateLimited(), d.policyDisconnects(), d.protocolDisconnects(), d.upgradesRefused(),
                        d.lagP50Ms(), d.lagP99Ms(), d.lagMaxMs()));
    }
}
