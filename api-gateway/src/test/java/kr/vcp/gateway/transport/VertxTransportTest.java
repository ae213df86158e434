package kr.vcp.gateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import kr.vcp.gateway.websocket.Sessions;
import kr.vcp.gateway.websocket.WsClient;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.model.Json;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The fallback transport, switched on by configuration, carries replies, updates and ticks as the fast path does. */
@QuarkusTest
@TestProfile(VertxTransportTest.Fallback.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class VertxTransportTest {

    public static class Fallback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vcp.ws.transport", "VERTX");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Sessions sessions;

    @Test
    void everyClientGetsItsRepliesAndTicksThroughTheVertxSocket() {
        String ticker = String.format("%06d", ThreadLocalRandom.current().nextInt(100_000, 999_999));
        try (WsClient first = new WsClient(base); WsClient second = new WsClient(base)) {
            first.subscribe(Topics.price(ticker));
            second.subscribe(Topics.price(ticker));
            sessions.all().forEach(s -> assertTrue(s.transport() instanceof VertxTransport, s.id() + " uses "
                    + s.transport().getClass().getSimpleName()));

            for (long price : List.of(1_000L, 1_005L, 1_010L)) {
                KafkaTopics.produce(bootstrap, Topics.KAFKA_PRICES, ticker,
                        Json.write(PriceTicked.of(ticker, price, price - 1_000, 0.0, 10, LocalDateTime.now())));
            }

            for (WsClient client : List.of(first, second)) {
                client.await(m -> m.path("data").path("price").asLong() == 1_010, WAIT);
                assertEquals(List.of(1_000L, 1_005L, 1_010L), client.received().stream()
                        .filter(m -> m.path("type").asText().equals("price_update"))
                        .map(m -> m.get("data").get("price").asLong()).toList(), "in order, each once");
            }
            assertEquals(0, sessions.all().stream().mapToLong(s -> s.transport().backlogBytes()).sum(),
                    "every frame completed");
        }
    }
}
