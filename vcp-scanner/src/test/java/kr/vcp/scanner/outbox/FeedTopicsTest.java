package kr.vcp.scanner.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The price and market feeds keep each key's latest record on the real broker. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class FeedTopicsTest {

    private static final Map<String, String> COMPACTED_HOURLY = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact",
            TopicConfig.SEGMENT_MS_CONFIG, "3600000");

    private final FeedTopics feedTopics;
    private final String bootstrap;

    @Inject
    FeedTopicsTest(FeedTopics feedTopics, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.feedTopics = feedTopics;
        this.bootstrap = bootstrap;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The cleanup policy and segment time the broker reports for {@code topic}. */
    private static Map<String, String> settings(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                TopicConfig.SEGMENT_MS_CONFIG, config.get(TopicConfig.SEGMENT_MS_CONFIG).value());
    }

    @Test
    void thePriceAndMarketFeedsAreCompactedSoonAfterStartAndSignalsKeepTheBrokersRetention() throws Exception {
        try (Admin admin = admin()) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)
                    && !(admin.listTopics().names().get().containsAll(FeedTopics.COMPACTED)
                            && settings(admin, Topics.KAFKA_PRICES).equals(COMPACTED_HOURLY)
                            && settings(admin, Topics.KAFKA_MARKET).equals(COMPACTED_HOURLY))) {
                Thread.sleep(200);
            }
            assertEquals(COMPACTED_HOURLY, settings(admin, Topics.KAFKA_PRICES));
            assertEquals(COMPACTED_HOURLY, settings(admin, Topics.KAFKA_MARKET));
            if (admin.listTopics().names().get().contains(Topics.KAFKA_SIGNALS)) {
                assertEquals("delete", settings(admin, Topics.KAFKA_SIGNALS).get(TopicConfig.CLEANUP_POLICY_CONFIG));
            }
        }
    }

    @Test
    void aFeedTheBrokerCreatedWithItsDefaultsIsCompactedAsItIs() throws Exception {
        String topic = "feed-topics-test-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("delete", settings(admin, topic).get(TopicConfig.CLEANUP_POLICY_CONFIG));

            feedTopics.compact(List.of(topic));

            assertEquals(COMPACTED_HOURLY, settings(admin, topic));
        }
    }
}
