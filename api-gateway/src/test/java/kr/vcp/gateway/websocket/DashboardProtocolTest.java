package kr.vcp.gateway.websocket;

import kr.vcp.infra.RawWebSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.model.Json;
import kr.vcp.model.MarketStateChanged;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The whole WebSocket protocol of contract.md's second part: open, upgrade subscriptions, keep-alive, every topic. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DashboardProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A ticker no other test uses. */
    private static String uniqueTicker() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(100_000, 999_999));
    }

    private PriceTicked tick(String ticker, long price) {
        PriceTicked tick = PriceTicked.of(ticker, price, price - 70_000, Math.round((price - 70_000) * 10_000.0 / 70_000)
                / 100.0, 1_000_000 + price, LocalDateTime.now().truncatedTo(ChronoUnit.MICROS));
        KafkaTopics.produce(bootstrap, Topics.KAFKA_PRICES, ticker, Json.write(tick));
        return tick;
    }

    private static Predicate<JsonNode> priceUpdate(String ticker, long price) {
        return m -> m.path("type").asText().equals("price_update") && m.path("ticker").asText().equals(ticker)
                && m.path("data").path("price").asLong() == price;
    }

    @Test
    void connectedComesFirstWithAClientId() {
        try (WsClient client = new WsClient(base)) {
            JsonNode first = client.await(m -> true, WAIT);

            assertEquals("connected", first.get("type").asText());
            assertEquals("WebSocket connection established", first.get("message").asText());
            UUID.fromString(first.get("client_id").asText());
        }
    }

    @Test
    void upgradeSubscriptionsAreAcknowledgedBeforeConnectedAndTheirLatestFollows() throws Exception {
        String ticker = uniqueTicker();
        tick(ticker, 75_100);
        try (WsClient watcher = new WsClient(base)) {
            watcher.subscribe(Topics.price(ticker));
            watcher.await(priceUpdate(ticker, 75_100), WAIT); // the gateway has it
        }
        try (RawWebSocket client = new RawWebSocket(base.getPort(), "/ws?subscribe=signal:vcp,price:" + ticker, Map.of())) {
            assertEquals(101, client.handshake().status());
            List<JsonNode> messages = new ArrayList<>();
            while (messages.isEmpty() || !messages.get(messages.size() - 1).get("type").asText().equals("price_update")) {
                messages.add(Json.MAPPER.readTree(client.readText(5_000)));
            }

            // Then each topic's latest: the signal page (if an earlier test made one), and the price.
            assertEquals(List.of("subscribed", "subscribed", "connected"),
                    messages.stream().map(m -> m.get("type").asText()).toList().subList(0, 3));
            assertTrue(messages.size() <= 5, messages.toString());
            assertEquals(Topics.WS_SIGNAL_VCP, messages.get(0).get("topic").asText());
            assertEquals("Subscribed to signal:vcp", messages.get(0).get("message").asText());
            assertEquals("price:" + ticker, messages.get(1).get("topic").asText());
            assertEquals(75_100, messages.get(messages.size() - 1).get("data").get("price").asLong());
        }
    }

    @Test
    void aClientsPongIsAcceptedWithoutAReply() {
        try (WsClient client = new WsClient(base)) {
            client.send("{\"type\": \"pong\"}");
            client.send("{\"type\": \"ping\"}");
            client.await(m -> m.path("type").asText().equals("pong"), WAIT);

            assertEquals(List.of("connected", "pong"), client.received().stream().map(m -> m.get("type").asText()).toList());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void acknowledgementsCarryAMessage() {
        try (WsClient client = new WsClient(base)) {
            client.subscribe(Topics.WS_MARKET_GATE);
            client.send("{\"type\": \"unsubscribe\", \"topic\": \"market-gate\"}");
            JsonNode ack = client.await(m -> m.path("type").asText().equals("unsubscribed"), WAIT);

            assertEquals("Unsubscribed from market-gate", ack.get("message").asText());
            assertEquals("Subscribed to market-gate", client.received().stream()
                    .filter(m -> m.path("type").asText().equals("subscribed")).findFirst().orElseThrow()
                    .get("message").asText());
        }
    }

    @Test
    void aNewPriceSubscriberGetsTheLatestTickAtOnce() {
        String ticker = uniqueTicker();
        try (WsClient early = new WsClient(base)) {
            early.subscribe(Topics.price(ticker));
            tick(ticker, 75_000);
            tick(ticker, 75_100);
            early.await(priceUpdate(ticker, 75_100), WAIT);
        }
        try (WsClient late = new WsClient(base)) {
            late.subscribe(Topics.price(ticker));
            JsonNode latest = late.await(m -> m.path("type").asText().equals("price_update"), WAIT);

            assertEquals(75_100, latest.get("data").get("price").asLong());
            assertEquals(5_100, latest.get("data").get("change").asLong());
            assertEquals(7.29, latest.get("data").get("change_rate").asDouble());
            assertEquals(1_075_100, latest.get("data").get("volume").asLong());
            assertTrue(latest.get("data").get("price").isIntegralNumber());
            assertTrue(latest.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
            assertEquals(1, late.received().stream().filter(m -> m.path("type").asText().equals("price_update")).count());
        }
    }

    @Test
    void aTickReachesOnlyTheSubscribersOfItsTicker() {
        String mine = uniqueTicker();
        String other = uniqueTicker();
        try (WsClient client = new WsClient(base); WsClient otherClient = new WsClient(base)) {
            client.subscribe(Topics.price(mine));
            otherClient.subscribe(Topics.price(other));

            tick(other, 50_000);
            tick(mine, 60_000);
            client.await(priceUpdate(mine, 60_000), WAIT);
            otherClient.await(priceUpdate(other, 50_000), WAIT);
            // One partition: the tick for the other ticker was read before this client's own.
            assertFalse(client.received().stream().anyMatch(m -> m.path("ticker").asText().equals(other)));
            assertFalse(otherClient.received().stream().anyMatch(m -> m.path("ticker").asText().equals(mine)));
        }
    }

    @Test
    void marketTopicsCarryIndexAndGateUpdatesAndTheLatestOnSubscribe() throws Exception {
        LocalDateTime at = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        var kospi = new MarketStateChanged.IndexUpdated(MarketStateChanged.SCHEMA_VERSION, "001", "KOSPI", 2650.3, 12.1,
                0.46, 0, at);
        var gate = new MarketStateChanged.MarketGateChanged(MarketStateChanged.SCHEMA_VERSION, "YELLOW", 55, 2650.3,
                0.46, null, null, List.of(), at);
        try (WsClient live = new WsClient(base)) {
            live.subscribe(Topics.WS_MARKET_KOSPI);
            live.subscribe(Topics.WS_MARKET_GATE);
            KafkaTopics.produce(bootstrap, Topics.KAFKA_MARKET, kospi.wsTopic(), Json.write(kospi));
            KafkaTopics.produce(bootstrap, Topics.KAFKA_MARKET, gate.wsTopic(), Json.write(gate));

            JsonNode index = live.await(m -> m.path("type").asText().equals("index_update")
                    && m.path("timestamp").asText().startsWith(at.toString()), WAIT);
            JsonNode gateUpdate = live.await(m -> m.path("type").asText().equals("market_gate_update")
                    && m.path("timestamp").asText().startsWith(at.toString()), WAIT);

            assertEquals("001", index.get("code").asText());
            assertEquals("KOSPI", index.get("name").asText());
            assertEquals(2650.3, index.get("data").get("index").asDouble());
            assertEquals("YELLOW", gateUpdate.get("data").get("status").asText());
            assertEquals(55, gateUpdate.get("data").get("level").asInt());
            assertTrue(gateUpdate.get("data").get("kosdaq").isNull(), "an absent reading is null, not missing");
            assertTrue(gateUpdate.get("data").get("sectors").isArray());
        }
        try (WsClient late = new WsClient(base)) {
            late.subscribe(Topics.WS_MARKET_GATE);
            JsonNode latest = late.await(m -> m.path("type").asText().equals("market_gate_update"), WAIT);
            assertTrue(latest.get("timestamp").asText().startsWith(at.toString()), latest.toString());
        }
    }

    @Test
    void topicsOfTheDashboardsShapesAreAcceptedEvenWhenNothingIsPublishedOnThem() {
        try (WsClient client = new WsClient(base)) {
            for (String topic : List.of("signal:closing_bet", "market:nasdaq", "price:0004V0", Topics.WS_MARKET_KOSDAQ)) {
                client.subscribe(topic);
            }
            client.send("{\"type\": \"ping\"}");
            client.await(m -> m.path("type").asText().equals("pong"), WAIT);

            assertFalse(client.received().stream().anyMatch(m -> m.path("type").asText().equals("error")),
                    client.received().toString());
        }
    }
}
