package kr.vcp.scanner.outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kr.vcp.model.Topics;
import kr.vcp.scanner.config.ScannerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Compacts the feeds a gateway rebuilds its state from: {@link Topics#KAFKA_PRICES}, keyed by ticker, and
 * {@link Topics#KAFKA_MARKET}, keyed by WebSocket topic, keep each key's latest record, so a restarted gateway reads
 * one tick per ticker and not every tick since the topic began. A feed is created compacted when it is missing and
 * altered when the broker created it with its defaults. Tried until it has worked once, beside the relay, never in
 * its way: while the broker is down or refuses, events are still published and wait for nothing.
 * {@link Topics#KAFKA_SIGNALS} keeps the broker's retention: its history is what an engineer replays.
 */
@ApplicationScoped
public class FeedTopics {

    /** The feeds compacted. */
    public static final List<String> COMPACTED = List.of(Topics.KAFKA_PRICES, Topics.KAFKA_MARKET);
    private static final long TIMEOUT_SECONDS = 10;

    private final String bootstrapServers;
    private final Duration segment;
    /** The settings of a compacted feed. */
    private final Map<String, String> settings;
    private volatile boolean done;

    public FeedTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ScannerConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.segment = config.outbox().feedSegment();
        this.settings = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(segment.toMillis()));
    }

    // On a worker thread: the admin client's calls block.
    @Scheduled(every = "${vcp.outbox.topics-retry:30s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ensure() {
        if (done) {
            return;
        }
        try {
            compact(COMPACTED);
            done = true;
            Log.infof("Feeds %s are compacted (segments of %s)", COMPACTED, segment);
        } catch (Exception e) {
            Log.warnf("Feeds %s not compacted yet (%s): trying again later; events are published meanwhile",
                    COMPACTED, e.getMessage());
        }
    }

    /** Creates each of {@code topics} compacted, or makes it so; throws when the broker does not answer or refuses. */
    void compact(List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty()).configs(settings)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // created meanwhile (a producer's first send, another replica): altered below
                }
            }
            Collection<AlterConfigOp> ops = settings.entrySet().stream()
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
            topics.forEach(t -> alter.put(new ConfigResource(ConfigResource.Type.TOPIC, t), ops));
            admin.incrementalAlterConfigs(alter).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
