package kr.vcp.gateway.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a stretch of the signals topic for engineers, with a consumer of its own that joins no group and commits
 * nothing, so reading never moves anyone's position. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class TopicReader {

    /**
     * Where to read: from an offset or a time (inclusive) to an offset or a time (inclusive), at most {@code limit}
     * records; every partition when {@code partition} is null.
     */
    public record Range(Integer partition, Long fromOffset, Long toOffset, Instant fromTime, Instant toTime, int limit) {
    }

    private final String bootstrap;
    private final Duration timeout;

    public TopicReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, GatewayConfig config) {
        this.bootstrap = bootstrap;
        this.timeout = config.admin().readTimeout();
    }

    public List<ConsumerRecord<String, String>> read(Range range) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, range.limit()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.KAFKA_SIGNALS, timeout).stream()
                    .filter(p -> range.partition() == null || p.partition() == range.partition())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> starts = startOffsets(consumer, partitions, range);
            Map<TopicPartition, Long> stops = new HashMap<>();
            for (TopicPartition p : partitions) {
                long end = ends.getOrDefault(p, 0L);
                stops.put(p, range.toOffset() == null ? end : Math.min(end, range.toOffset() + 1));
                consumer.seek(p, starts.getOrDefault(p, end));
            }
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < range.limit() && Instant.now().isBefore(deadline)
                    && partitions.stream().anyMatch(p -> consumer.position(p) < stops.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    boolean beforeStop = r.offset() < stops.get(p)
                            && (range.toTime() == null || r.timestamp() <= range.toTime().toEpochMilli());
                    if (beforeStop && records.size() < range.limit()) {
                        records.add(r);
                    }
                }
            }
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    private Map<TopicPartition, Long> startOffsets(KafkaConsumer<String, String> consumer,
            List<TopicPartition> partitions, Range range) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (range.fromTime() != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, range.fromTime().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
            found.forEach((p, o) -> {
                if (o != null) {
                    starts.put(p, o.offset());
                }
            });
            return starts;
        }
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, timeout);
        partitions.forEach(p -> starts.put(p, Math.max(beginnings.getOrDefault(p, 0L),
                range.fromOffset() == null ? 0L : range.fromOffset())));
        return starts;
    }
}
