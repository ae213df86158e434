package kr.vcp.gateway.ops;

import jakarta.enterprise.context.ApplicationScoped;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.kafka.SignalFeed;
import kr.vcp.gateway.websocket.Sessions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the hub is live: started, and caught up with the feeds' history. A gateway that would accept
 * clients but not send them the current state must be out of the load balancer. The Kafka consumer's own health
 * (connected, not failed) is reported beside it by the messaging extension.
 */
@Readiness
@ApplicationScoped
public class HubReadiness implements HealthCheck {

    private final Hub hub;
    private final SignalFeed signals;
    private final Sessions sessions;

    public HubReadiness(Hub hub, SignalFeed signals, Sessions sessions) {
        this.hub = hub;
        this.signals = signals;
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        SignalFeed.Stats stats = signals.stats();
        return HealthCheckResponse.named("hub")
                .status(hub.isLive())
                .withData("running", hub.isRunning())
                .withData("caught_up", hub.isCaughtUp())
                .withData("connections", sessions.count())
                .withData("topics", hub.topicCount())
                .withData("events_received", stats.eventsReceived())
                .withData("last_event_id", String.valueOf(stats.lastEventId()))
                .build();
    }
}
