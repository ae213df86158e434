package kr.vcp.gateway.kafka;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sets aside a record the gateway cannot read on {@code <its topic>-dlq}, with where it came from and why in its
 * headers (as SmallRye's dead-letter strategy writes them), so that the feed goes on and nothing is lost.
 */
@ApplicationScoped
public class DeadLetters {

    /** The outgoing channel; each record names its own topic. */
    public static final String CHANNEL = "vcp-dead-letters";

    private final MutinyEmitter<String> emitter;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    void setAside(ConsumerRecord<String, String> record, String reason) {
        count.incrementAndGet();
        String to = Topics.deadLetters(record.topic());
        Log.errorf("Record %s-%d@%d set aside on %s: %s", record.topic(), record.partition(), record.offset(), to,
                reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(record.value() == null ? "" : record.value()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(to).withKey(record.key()).withHeaders(headers)
                        .build());
        emitter.sendMessage(message).subscribe().with(ok -> { },
                failure -> Log.errorf("Record %s-%d@%d could not be set aside: %s", record.topic(), record.partition(),
                        record.offset(), failure.getMessage()));
    }

    /** Records set aside so far. */
    public long count() {
        return count.get();
    }
}
