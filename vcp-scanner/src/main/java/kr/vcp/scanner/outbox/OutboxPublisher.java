package kr.vcp.scanner.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import kr.vcp.model.Topics;
import kr.vcp.scanner.outbox.OutboxRepository.Pending;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Hands outbox events to the producer of the {@link Topics#KAFKA_SIGNALS} channel (acks=all, idempotent): a whole
 * batch in one task on the producer's sending thread, in order, stopping at the first record the producer refuses.
 * <p>
 * Not through the channel's emitter: its sink re-sends a failed record by
 * itself, one to twenty seconds later, behind the records sent after it. After a broker outage a scan's event reached
 * the topic behind the next seven scans' events, and the gateway rightly took it for an old result. Here a record
 * that fails stays failed; the relay sends it again, with everything after it, in order.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** The outcome of a record never handed to the producer because one before it was refused. */
    static final Exception NOT_SENT = new IllegalStateException("not sent: an earlier event was refused");

    private final KafkaClientService kafka;

    /** @param channel unused: it connects the channel, which SmallRye otherwise reports at start as fed by nothing */
    public OutboxPublisher(KafkaClientService kafka,
            @SuppressWarnings("unused") @Channel(Topics.KAFKA_SIGNALS) MutinyEmitter<String> channel) {
        this.kafka = kafka;
    }

    /**
     * Sends {@code events} in order; completes within {@code timeout} with one outcome per event, in order: null once
     * the broker acknowledged it, else why not (a timeout when no answer came in time).
     */
    public Uni<List<Throwable>> sendInOrder(List<Pending> events, Duration timeout) {
        KafkaProducer<String, String> producer = kafka.getProducer(Topics.KAFKA_SIGNALS);
        return producer.runOnSendingThread(p -> {
            List<CompletableFuture<Throwable>> acks = new ArrayList<>(events.size());
            boolean refused = false;
            for (Pending event : events) {
                CompletableFuture<Throwable> ack = new CompletableFuture<>();
                acks.add(ack);
                if (refused) {
                    ack.complete(NOT_SENT);
                    continue;
                }
                try {
                    // Blocks this thread, not an event loop, while the producer waits for the topic's metadata.
                    p.send(new ProducerRecord<>(event.topic(), event.key(), event.payload()),
                            (metadata, failure) -> ack.complete(failure));
                } catch (RuntimeException e) {
                    ack.complete(e);
                }
                // A refusal (no metadata in time, a closed producer) is already known here: nothing after it goes.
                refused = ack.isDone() && ack.getNow(null) != null;
            }
            return acks;
        }).chain(acks -> Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(timeout).recoverWithItem((Void) null)
                .map(ignored -> acks.stream().map(ack -> ack.getNow(new TimeoutException(
                        "no acknowledgement within " + timeout.toMillis() + " ms"))).toList()));
    }
}
