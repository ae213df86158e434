package kr.vcp.scanner.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import kr.vcp.model.Json;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends {@link SignalsScanned} events to Kafka; the channel is named after its topic, so it writes to that topic. */
@ApplicationScoped
public class SignalEventPublisher {

    private final MutinyEmitter<String> emitter;

    public SignalEventPublisher(@Channel(Topics.KAFKA_SIGNALS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record (acks=all), fails when it has not. */
    public Uni<Void> publish(SignalsScanned event) {
        return Uni.createFrom().item(() -> Json.write(event))
                .chain(json -> emitter.sendMessage(Message.of(json).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(Topics.SIGNALS_KEY).build())));
    }
}
