package kr.vcp.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: write a record as another service would, read a topic as an engineer would. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static RecordMetadata produce(String bootstrap, String topic, String key, String value) {
        return produceAll(bootstrap, topic, key, List.of(value)).get(0);
    }

    /** Sends records in order with one producer and waits for every acknowledgement. */
    public static List<RecordMetadata> produceAll(String bootstrap, String topic, String key, List<String> values) {
        return produceKeyed(bootstrap, topic, values.stream().map(v -> Map.entry(key, v)).toList());
    }

    /** Sends (key, value) records in order with one producer and waits for every acknowledgement. */
    public static List<RecordMetadata> produceKeyed(String bootstrap, String topic,
            List<Map.Entry<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()))));
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (var f : sent) {
                acknowledged.add(f.get());
            }
            return acknowledged;
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from its beginning until the records read so far satisfy {@code until}, or the timeout
     * passes; returns what was read either way, so the caller's assertion says what was missing.
     */
    public static List<ConsumerRecord<String, String>> readFromBeginning(String bootstrap, String topic,
            Duration timeout, Predicate<List<ConsumerRecord<String, String>>> until) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5)).forEach(
                        p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!until.test(records) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** A predicate for {@link #readFromBeginning}: some record's value contains {@code text}. */
    public static Predicate<List<ConsumerRecord<String, String>>> anyValueContains(String text) {
        return records -> records.stream().anyMatch(r -> r.value() != null && r.value().contains(text));
    }

}
