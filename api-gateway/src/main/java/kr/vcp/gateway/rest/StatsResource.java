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
import kr.vcp.gateway.service.SignalBroadcaster;

@Path("/ws/stats")
public class StatsResource {

    /** How the gateway is doing, for operators and the dashboard checklist. */
    public record WsStats(
            @JsonProperty("connections") int connections,
            @JsonProperty("subscribers") Map<String, Integer> subscribers,
            @JsonProperty("broadcaster") Broadcaster broadcaster) {
    }

    public record Broadcaster(
            @JsonProperty("running") boolean running,
            @JsonProperty("events_received") long eventsReceived,
            @JsonProperty("events_rejected") long eventsRejected,
            @JsonProperty("events_duplicate") long eventsDuplicate,
            @JsonProperty("messages_sent") long messagesSent,
            @JsonProperty("send_failures") long sendFailures,
            @JsonProperty("signals") int signals,
            @JsonProperty("last_event_id") UUID lastEventId,
            @JsonProperty("last_event_at") Instant lastEventAt) {
    }

    private final ConnectionManager connections;
    private final SignalBroadcaster broadcaster;
    private final SignalEventConsumer consumer;

    public StatsResource(ConnectionManager connections, SignalBroadcaster broadcaster, SignalEventConsumer consumer) {
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.consumer = consumer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public WsStats stats() {
        SignalBroadcaster.Stats b = broadcaster.stats();
        return new WsStats(connections.openConnections(), connections.subscriberCounts(),
                new Broadcaster(b.running(), b.eventsReceived(), consumer.rejected(), b.eventsDuplicate(), b.messagesSent(),
                        b.sendFailures(), b.signals(), b.lastEventId(), b.lastEventAt()));
    }
}
