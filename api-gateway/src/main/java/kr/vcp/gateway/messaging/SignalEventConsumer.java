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

    @Incoming(Topics.KAFKA_SIGNALS)
    public void consume(ConsumerRecord<String, String> record) {
        SignalsScanned event;
        try {
            event = Json.MAPPER.readValue(record.value(), SignalsScanned.class);
        } catch (Exception e) {
            reject(record, "unreadable: " + e.getMessage());
            return;
        }
        if (event.schemaVersion() != SignalsScanned.SCHEMA_VERSION || event.eventId() == null
                || event.signalDate() == null || event.producedAt() == null) {
            reject(record, "schema_version " + event.schemaVersion() + " or a required field is missing");
            return;
        }
        broadcaster.accept(event);
    }

    /** Records that could not be used: logged and counted, and the consumer goes on. */
    public long rejected() {
        return rejected.get();
    }

    private void reject(ConsumerRecord<String, String> record, String why) {
        rejected.incrementAndGet();
        Log.errorf("Skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), why);
    }
}
