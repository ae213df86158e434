package kr.vcp.gateway.websocket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.transport.NettyTransport;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.WebSocketWire;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.model.Grade;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DashboardSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Hub hub;

    @Inject
    Sessions sessions;

    /** A signal with a ticker no other test uses, so a test finds its own update among all others. */
    private static Signal uniqueSignal(Grade grade, int score) {
        String ticker = String.format("%06d", ThreadLocalRandom.current().nextInt(100_000, 999_999));
        return new Signal(ticker, "테스트" + ticker, SignalType.VCP, score, grade, 75_000, 82_000, 72_000, 1_000,
                List.of("수축률 0.4", "외국인 수급 개선"), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Publishes a result as the scanner would; a future date, so it is always the newest page. */
    private SignalsScanned publish(Market market, Signal... signals) {
        SignalsScanned event = new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(),
                market.name(), LocalDate.now().plusYears(1), Instant.now(),
                List.of(new MarketSignals(market, List.of(signals))));
        KafkaTopics.produce(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY, Json.write(event));
        return event;
    }

    private static Predicate<JsonNode> updateWith(String ticker) {
        return m -> m.path("type").asText().equals("signal_update")
                && m.path("data").path("signals").findValuesAsText("ticker").contains(ticker);
    }

    @Test
    void aPublishedEventReachesEverySubscriberInTheContractShapeAndNotANonSubscriber() throws Exception {
        try (WsClient first = new WsClient(base); WsClient second = new WsClient(base);
                WsClient bystander = new WsClient(base)) {
            first.subscribe();
            second.subscribe();
            Signal signal = uniqueSignal(Grade.S, 10);

            publish(Market.KOSPI, signal);

            JsonNode update = first.await(updateWith(signal.ticker()), WAIT);
            second.await(updateWith(signal.ticker()), WAIT);
            JsonNode data = update.get("data");
            assertEquals(fieldNames(contractExample()), fieldNames(update));
            Set<String> dataFields = fieldNames(contractExample().get("data"));
            dataFields.add("event_id"); // contract.md allows extra fields inside data only
            assertEquals(dataFields, fieldNames(data));
            assertEquals(data.get("signals").size(), data.get("count").asInt());
            assertTrue(data.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
            JsonNode sent = find(data.get("signals"), signal.ticker());
            Set<String> signalFields = fieldNames(contractExample().get("data").get("signals").get(0));
            // What the VCP page reads besides (contract.md, "The whole dashboard").
            signalFields.addAll(List.of("market", "signal_date", "current_price", "contraction_ratio", "foreign_5d",
                    "inst_5d"));
            assertEquals(signalFields, fieldNames(sent));
            assertEquals(Json.MAPPER.readTree(Json.write(signal)), sent);
            assertTrue(sent.get("entry_price").isIntegralNumber());
            assertTrue(sent.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));

            Thread.sleep(300);
            assertEquals(List.of("connected"), bystander.received().stream().map(m -> m.get("type").asText()).toList(),
                    "a client that never subscribed got more than its greeting");
        }
    }

    @Test
    void subscribersAreWrittenTheSharedEncodedFrameByTheirOwnEventLoop() throws Exception {
        try (WsClient first = new WsClient(base); WsClient second = new WsClient(base)) {
            first.subscribe();
            second.subscribe();

            var subscribed = sessions.all().stream().filter(s -> s.topics().contains(Topics.WS_SIGNAL_VCP)).toList();

            assertTrue(subscribed.size() >= 2, "subscribed: " + subscribed.size());
            subscribed.forEach(s -> assertTrue(s.transport() instanceof NettyTransport,
                    s.id() + " falls back to " + s.transport().getClass().getSimpleName()));
            Signal signal = uniqueSignal(Grade.A, 9);
            publish(Market.KOSPI, signal);
            assertEquals(first.await(updateWith(signal.ticker()), WAIT), second.await(updateWith(signal.ticker()), WAIT));
        }
    }

    @Test
    void aBrowsersCompressionOfferIsDeclinedSoEverySubscriberGetsTheSameFrame() throws Exception {
        for (String offer : List.of(WebSocketWire.BROWSER_COMPRESSION_OFFER, WebSocketWire.PER_FRAME_COMPRESSION_OFFER)) {
            String head = WebSocketWire.answer(base, "/ws", offer);

            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"),
                    offer + " was accepted: " + head);
        }
    }

    @Test
    void unsubscribeStopsDelivery() throws Exception {
        try (WsClient leaving = new WsClient(base); WsClient staying = new WsClient(base)) {
            leaving.subscribe();
            staying.subscribe();
            leaving.send("{\"type\": \"unsubscribe\", \"topic\": \"signal:vcp\"}");
            leaving.await(m -> m.path("type").asText().equals("unsubscribed"), WAIT);
            Signal signal = uniqueSignal(Grade.A, 8);

            publish(Market.KOSDAQ, signal);

            staying.await(updateWith(signal.ticker()), WAIT);
            Thread.sleep(300);
            assertFalse(leaving.received().stream().anyMatch(updateWith(signal.ticker())));
        }
    }

    @Test
    void badFramesGetAnErrorAndTheConnectionKeepsWorking() {
        try (WsClient client = new WsClient(base)) {
            client.send("{\"type\": \"subscribe\", ");
            client.await(error("malformed_json"), WAIT);
            client.send("{\"type\": \"buy\", \"ticker\": \"005930\"}");
            client.await(error("unknown_type"), WAIT);
            client.send("{\"topic\": \"signal:vcp\"}");
            client.await(error("unknown_type"), WAIT);
            client.send("{\"type\": \"subscribe\", \"topic\": \"orders:everything\"}");
            client.await(error("unknown_topic"), WAIT);
            client.send("{\"type\": \"subscribe\", \"topic\": \"price:5930\"}");
            JsonNode malformedTicker = client.await(m -> m.path("message").asText().contains("price:5930"), WAIT);
            assertEquals("unknown_topic", malformedTicker.get("code").asText());
            client.send("{\"type\": \"subscribe\"}");
            JsonNode missing = client.await(m -> m.path("message").asText().contains("required"), WAIT);
            assertEquals("unknown_topic", missing.get("code").asText());

            client.send("{\"type\": \"ping\"}");
            client.await(m -> m.path("type").asText().equals("pong"), WAIT);
            assertTrue(client.isOpen());
            client.subscribe();
        }
    }

    @Test
    void aLateSubscriberGetsTheCurrentPageAtOnce() {
        Signal signal = uniqueSignal(Grade.B, 6);
        try (WsClient early = new WsClient(base)) {
            early.subscribe();
            publish(Market.KOSPI, signal);
            early.await(updateWith(signal.ticker()), WAIT);
        }
        try (WsClient late = new WsClient(base)) {
            late.subscribe();
            late.await(updateWith(signal.ticker()), WAIT);
        }
    }

    @Test
    void aStoppedHubSendsNothingUntilStartedAgain() throws Exception {
        try (WsClient client = new WsClient(base)) {
            client.subscribe();
            hub.stop();
            try {
                given().get("/ws/stats").then().body("broadcaster.running", equalTo(false));
                Signal whileStopped = uniqueSignal(Grade.A, 7);
                publish(Market.KOSPI, whileStopped);
                Thread.sleep(1_000);
                assertFalse(client.received().stream().anyMatch(updateWith(whileStopped.ticker())));
            } finally {
                hub.start();
            }
            assertTrue(hub.isRunning());
            Signal afterStart = uniqueSignal(Grade.A, 7);
            publish(Market.KOSDAQ, afterStart);
            client.await(updateWith(afterStart.ticker()), WAIT);
        }
    }

    @Test
    void theSameEventDeliveredTwiceReachesTheClientOnce() {
        try (WsClient client = new WsClient(base)) {
            client.subscribe();
            SignalsScanned event = publish(Market.KOSPI, uniqueSignal(Grade.A, 8));
            KafkaTopics.produce(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY, Json.write(event));
            Signal after = uniqueSignal(Grade.A, 8);
            publish(Market.KOSDAQ, after);

            client.await(updateWith(after.ticker()), WAIT);

            assertEquals(1, client.received().stream()
                    .filter(m -> m.path("data").path("event_id").asText().equals(event.eventId().toString())).count());
        }
    }

    @Test
    void unreadableRecordsAreSetAsideAndTheConsumerGoesOn() {
        long rejectedBefore = given().get("/ws/stats").then().extract().<Number>path("broadcaster.events_rejected")
                .longValue();
        String marker = "not-json-" + UUID.randomUUID();
        try (WsClient client = new WsClient(base)) {
            client.subscribe();
            KafkaTopics.produce(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY, marker);
            KafkaTopics.produce(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY,
                    Json.write(publishable()).replace("\"schema_version\":1", "\"schema_version\":99"));
            Signal good = uniqueSignal(Grade.S, 9);
            publish(Market.KOSPI, good);

            client.await(updateWith(good.ticker()), WAIT);
        }
        var dead = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_SIGNALS_DLQ, WAIT,
                KafkaTopics.anyValueContains(marker));
        assertTrue(dead.stream().anyMatch(r -> marker.equals(r.value())), "dead-letter topic holds the bad record");
        given().get("/ws/stats").then().body("broadcaster.events_rejected",
                org.hamcrest.Matchers.greaterThanOrEqualTo((int) rejectedBefore + 2));
    }

    private static SignalsScanned publishable() {
        return new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(), "KOSPI",
                LocalDate.now().plusYears(1), Instant.now(), List.of());
    }

    @Test
    void statsCountTheSignalVcpSubscribers() {
        try (WsClient a = new WsClient(base); WsClient b = new WsClient(base); WsClient idle = new WsClient(base)) {
            a.subscribe();
            b.subscribe();
            given().get("/ws/stats").then().statusCode(200)
                    .body("connections", equalTo(3))
                    .body("subscribers.'signal:vcp'", equalTo(2))
                    .body("broadcaster.running", equalTo(true));
        }
    }

    private static Predicate<JsonNode> error(String code) {
        return m -> m.path("type").asText().equals("error") && m.path("code").asText().equals(code);
    }

    private static JsonNode find(JsonNode signals, String ticker) {
        for (JsonNode s : signals) {
            if (s.get("ticker").asText().equals(ticker)) {
                return s;
            }
        }
        throw new AssertionError(ticker + " not in " + signals);
    }


    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode contractExample() throws Exception {
        try (var in = DashboardSocketTest.class.getResourceAsStream("/contract/signal_update.json")) {
            return Json.MAPPER.readTree(in);
        }
    }
}
