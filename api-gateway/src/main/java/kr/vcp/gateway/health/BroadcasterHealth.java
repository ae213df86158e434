package kr.vcp.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import kr.vcp.gateway.service.ConnectionManager;
import kr.vcp.gateway.service.SignalBroadcaster;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broadcaster runs: a gateway that would accept clients but never send them a signal must be
 * taken out of the load balancer. The Kafka consumer's own health (connected, not failed) is reported beside it by
 * the messaging extension.
 */
@Readiness
@ApplicationScoped
public class BroadcasterHealth implements HealthCheck {

    private final SignalBroadcaster broadcaster;
    private final ConnectionManager connections;

    public BroadcasterHealth(SignalBroadcaster broadcaster, ConnectionManager connections) {
        this.broadcaster = broadcaster;
        this.connections = connections;
    }

    @Override
    public HealthCheckResponse call() {
        SignalBroadcaster.Stats stats = broadcaster.stats();
        return HealthCheckResponse.named("signal-broadcaster")
                .status(stats.running())
                .withData("connections", connections.openConnections())
                .withData("events_received", stats.eventsReceived())
                .withData("last_event_id", String.valueOf(stats.lastEventId()))
                .build();
    }
}
