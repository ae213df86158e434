package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Grade;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nothing lost: a Kafka broker of this test's own is stopped and started around scans, and a subscribed client
 * must still receive every stored signal set once, in order; then a restarted gateway rebuilds the page from the
 * topic alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryUnderFaultsIT {

    private static final int OUTAGES = 3;

    private static SharedServers.Database db;
    private static KafkaServer kafka;
    private static Map<String, String> env;
    private static ServiceProcess scanner;
    private static ServiceProcess gateway;
    private static final List<String> scannedEvents = new ArrayList<>();
    private static JsonNode lastPage;

    @BeforeAll
    static void startTheSystem() throws Exception {
        db = TestSystem.database("faults");
        kafka = KafkaServer.start(0);
        env = TestSystem.env(db, kafka.bootstrapServers());
        scanner = TestSystem.scanner("faults-scanner", env);
        gateway = TestSystem.gateway("faults-gateway", env);
        TestSystem.loadSample(scanner);
    }

    @AfterAll
    static void stopTheSystem() {
        TestSystem.stopAll(gateway, scanner, kafka);
    }

    @Test
    @Order(1)
    void everyStoredSignalSetReachesTheClientOnceInOrderAcrossBrokerOutages() throws Exception {
        try (Browser browser = new Browser(gateway.port())) {
            browser.subscribe();
            Instant start = Instant.now();
            for (int outage = 1; outage <= OUTAGES; outage++) {
                kafka.stop();
                scannedEvents.add(scanWhile("down", "{\"market\": \"KOSPI\", \"top_n\": " + (outage + 1) + ", \"min_score\": 0}"));
                scannedEvents.add(scanWhile("down", "{\"market\": \"KOSDAQ\", \"top_n\": " + outage + ", \"min_score\": 0}"));
                kafka.restart();
                scannedEvents.add(scanWhile("up", "{\"market\": \"ALL\", \"top_n\": " + (outage + 3) + ", \"min_score\": 0}"));
            }

            String last = scannedEvents.get(scannedEvents.size() - 1);
            lastPage = browser.await(m -> m.path("data").path("event_id").asText().equals(last), Duration.ofSeconds(120));
            Thread.sleep(1_000); // anything sent twice would arrive now
            List<JsonNode> updates = browser.updates();
            List<String> received = updates.stream().map(u -> u.path("data").path("event_id").asText()).toList();
            long duplicates = received.size() - received.stream().distinct().count();
            List<List<String>> pending = TestSystem.query(db, "SELECT count(*) FROM outbox WHERE published_at IS NULL");
            List<List<String>> stored = TestSystem.query(db, "SELECT count(*) FROM scans WHERE status = 'SUCCEEDED'");
            System.out.printf("Delivery under faults: %d broker outages, %d scans stored, %d updates received, "
                    + "%d duplicates, %s events still in the outbox, %d ms%n", OUTAGES, Integer.parseInt(stored.get(0).get(0)),
                    received.size(), duplicates, pending.get(0).get(0), Duration.between(start, Instant.now()).toMillis());

            assertEquals(scannedEvents, received, "every scan's event, once each, in scan order");
            updates.forEach(u -> assertEquals(u.path("data").path("signals").size(), u.path("data").path("count").asInt()));
            assertEquals("0", pending.get(0).get(0));
            assertEquals(String.valueOf(scannedEvents.size()), stored.get(0).get(0));
        }
    }

    @Test
    @Order(2)
    void aRestartedGatewayRebuildsThePageFromTheTopicBeforeAnyNewScan() throws Exception {
        try (Browser connected = new Browser(gateway.port())) {
            connected.subscribe();
            gateway.close();
            assertEquals(1001, connected.awaitCloseCode(Duration.ofSeconds(10)), "a going-away close on shutdown");
        }
        gateway = TestSystem.gateway("faults-gateway-restarted", env);
        String last = scannedEvents.get(scannedEvents.size() - 1);
        try (Browser browser = new Browser(gateway.port())) {
            browser.subscribe();
            JsonNode page = browser.await(m -> m.path("data").path("event_id").asText().equals(last),
                    Duration.ofSeconds(30));
            assertEquals(lastPage.path("data").path("signals"), page.path("data").path("signals"));
        }
    }

    @Test
    @Order(3)
    void aGatewayStartedOnAHundredOldEventsSendsEachReconnectingClientOnlyTheCurrentPageAndIsReadyOnlyThen()
            throws Exception {
        gateway.close();
        List<SignalsScanned> history = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            Signal signal = new Signal(String.format("%06d", 900_000 + i), "이력" + i, SignalType.VCP, 7, Grade.A, 10_000,
                    11_000, 9_500, 10, List.of("수축률 0.4"), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
            history.add(new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(), "KOSPI",
                    LocalDate.now().plusYears(1).plusDays(i), Instant.now(),
                    List.of(new MarketSignals(Market.KOSPI, List.of(signal)))));
        }
        KafkaTopics.produceAll(kafka.bootstrapServers(), Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY,
                history.stream().map(Json::write).toList());
        String current = history.get(history.size() - 1).eventId().toString();
        long onTopic = scannedEvents.size() + history.size();

        gateway = TestSystem.listeningGateway("faults-gateway-history", env);
        // Connected as soon as the gateway listens, as a dashboard reconnecting in its backoff would.
        try (Browser early = new Browser(gateway.port())) {
            early.subscribe();
            TestSystem.awaitReady(gateway, Duration.ofSeconds(60));
            JsonNode stats = Json.MAPPER.readTree(TestSystem.get(gateway.baseUri().resolve("/ws/stats")));
            assertEquals(true, stats.path("broadcaster").path("caught_up").asBoolean(), stats.toString());
            assertEquals(onTopic, stats.path("broadcaster").path("events_received").asLong(),
                    "ready only once every event on the topic was read");

            assertOnlyTheCurrentPage(early, current);
        }
        try (Browser late = new Browser(gateway.port())) {
            late.subscribe();
            assertOnlyTheCurrentPage(late, current);
        }
        JsonNode delivery = Json.MAPPER.readTree(TestSystem.get(gateway.baseUri().resolve("/ws/stats"))).path("delivery");
        assertTrue(delivery.path("lag_max_ms").isNull(), "no replayed record counts in the lag: " + delivery);
    }

    /** Exactly one signal_update, the current page: a pong after it shows nothing else was on its way. */
    private static void assertOnlyTheCurrentPage(Browser browser, String current) throws Exception {
        browser.await(m -> m.path("data").path("event_id").asText().equals(current), Duration.ofSeconds(30));
        browser.send("{\"type\": \"ping\"}");
        browser.await(m -> m.path("type").asText().equals("pong"), Duration.ofSeconds(10));
        assertEquals(List.of(current), browser.updates().stream().map(u -> u.path("data").path("event_id").asText())
                .toList());
    }

    private static String scanWhile(String broker, String body) throws Exception {
        JsonNode scan = TestSystem.scan(scanner, body);
        assertEquals("SUCCEEDED", scan.get("status").asText(), "a scan succeeds while the broker is " + broker);
        return scan.get("event_id").asText();
    }
}
