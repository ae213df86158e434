package kr.vcp.infra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import kr.vcp.infra.SharedServers;

/** Points a Quarkus test at the JVM's shared real Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedServers.kafkaBootstrap());
    }

    @Override
    public void stop() {
        // The broker outlives each test class; SharedServers stops it when the JVM exits.
    }
}
