package kr.vcp.scanner.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends records to Kafka over the {@link Topics#KAFKA_SIGNALS} channel (acks=all, idempotent producer). */
@ApplicationScoped
public class SignalEventPublisher {

    private final MutinyEmitter<String> emitter;

    public SignalEventPublisher(@Channel(Topics.KAFKA_SIGNALS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record, fails when it has not. */
    public Uni<Void> send(String topic, String key, String payload) {
        return emitter.sendMessage(Message.of(payload).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build()));
    }
}
