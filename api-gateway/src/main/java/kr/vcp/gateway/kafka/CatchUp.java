package kr.vcp.gateway.kafka;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.gateway.hub.Hub;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows when the feeds' history has been read: when its partitions are first assigned it notes each one's end, and
 * once every record before those ends has been read the hub becomes live. Until then a restarted gateway rebuilds
 * each topic's latest message and sends nothing, so reconnecting clients get the current state once instead of
 * every old update. Our producers are not transactional: a partition's last record is at its end offset - 1.
 */
@ApplicationScoped
@Identifier(CatchUp.NAME)
public class CatchUp implements KafkaConsumerRebalanceListener {

    /** The listener's name in the channel's {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "vcp-feeds-catch-up";

    private final Hub hub;
    /** Per partition, the offset up to which it must be read; removed once read. */
    private final Map<TopicPartition, Long> remaining = new ConcurrentHashMap<>();
    private volatile boolean assigned;

    public CatchUp(Hub hub) {
        this.hub = hub;
    }

    /** On the consumer's polling thread, before its first records. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (hub.isCaughtUp()) {
            return; // a later rebalance: what comes now is live
        }
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            long end = ends.getOrDefault(partition, 0L);
            if (end > beginnings.getOrDefault(partition, 0L) && consumer.position(partition) < end) {
                remaining.putIfAbsent(partition, end);
            }
        }
        Log.infof("Feeds assigned %s; history to read: %s", partitions, remaining);
        assigned = true;
        checkDone();
    }

    /** A record was handed to the hub. */
    void read(ConsumerRecord<?, ?> record) {
        if (!remaining.isEmpty()) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            remaining.computeIfPresent(partition, (p, end) -> record.offset() + 1 >= end ? null : end);
        }
    }

    /** Tells the hub once the history is read. */
    void checkDone() {
        if (assigned && remaining.isEmpty() && !hub.isCaughtUp()) {
            hub.caughtUp();
        }
    }
}
