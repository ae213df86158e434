package kr.vcp.gateway.messaging;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import kr.vcp.gateway.service.SignalBroadcaster;
import kr.vcp.model.Json;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every scan event. Each gateway instance has a consumer group of its own, so every instance sees every event
 * and serves it to its own clients; reading from the earliest offset rebuilds the page after a restart.
 */
@ApplicationScoped
public class SignalEventConsumer {

    private final SignalBroadcaster broadcaster;
    private final AtomicLong rejected = new AtomicLong();

    public SignalEventConsumer(SignalBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    /** A record that cannot be used fails here, and the connector sets it aside on the dead-letter topic. */
    @Incoming(Topics.KAFKA_SIGNALS)
    public void consume(ConsumerRecord<String, String> record) {
        SignalsScanned event;
        try {
            event = read(record.value());
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            Log.errorf("Record %s-%d@%d set aside on %s: %s", record.topic(), record.partition(), record.offset(),
                    Topics.KAFKA_SIGNALS_DLQ, e.getMessage());
            throw e;
        }
        broadcaster.accept(event, record.timestamp());
    }

    /** Reads and checks an event; {@link IllegalArgumentException} says why it cannot be used. */
    public static SignalsScanned read(String value) {
        SignalsScanned event;
        try {
            event = Json.MAPPER.readValue(value, SignalsScanned.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a SignalsScanned event: " + e.getMessage(), e);
        }
        if (event.schemaVersion() != SignalsScanned.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema_version " + event.schemaVersion() + " is not "
                    + SignalsScanned.SCHEMA_VERSION);
        }
        if (event.eventId() == null || event.signalDate() == null || event.producedAt() == null) {
            throw new IllegalArgumentException("event_id, signal_date and produced_at are required");
        }
        return event;
    }

    /** Records that could not be used: logged, counted and set aside, and the consumer goes on. */
    public long rejected() {
        return rejected.get();
    }
}
