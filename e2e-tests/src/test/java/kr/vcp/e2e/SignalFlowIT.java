package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.WebSocketWire;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as it ships: real PostgreSQL, real Kafka, and both packaged services as separate processes. A
 * browser-like client subscribes exactly as contract.md's snippet does; the contract's curl body triggers the scan.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SignalFlowIT {

    private static SharedServers.Database db;
    private static ServiceProcess scanner;
    private static ServiceProcess gateway;
    private static ServiceProcess secondGateway;
    private static KafkaServer kafka;

    /** A broker of its own: the page then holds this test's scans only, so its count can be checked against rows. */
    @BeforeAll
    static void startTheSystem() throws Exception {
        db = TestSystem.database("signal_flow");
        kafka = KafkaServer.start(0);
        var env = TestSystem.env(db, kafka.bootstrapServers());
        scanner = TestSystem.scanner("flow-scanner", env);
        gateway = TestSystem.gateway("flow-gateway", TestSystem.env(db, kafka.bootstrapServers(),
                "VCP_SCANNER_URL", scanner.baseUri().toString()));
        secondGateway = TestSystem.gateway("flow-gateway-2", env);
        TestSystem.loadSample(scanner);
    }

    @AfterAll
    static void stopTheSystem() {
        TestSystem.stopAll(gateway, secondGateway, scanner, kafka);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aManualScanReachesASubscribedBrowserOnEachGatewayWithTheCountOfStoredRows() throws Exception {
        try (Browser browser = new Browser(gateway.port()); Browser other = new Browser(secondGateway.port())) {
            browser.subscribe();
            other.subscribe();

            JsonNode scan = TestSystem.scan(scanner, "{\"market\": \"KOSPI\", \"top_n\": 5, \"min_score\": 7}");

            String eventId = scan.get("event_id").asText();
            JsonNode update = browser.await(m -> m.path("data").path("event_id").asText().equals(eventId),
                    Duration.ofSeconds(20));
            JsonNode sameOnTheOtherGateway = other.await(m -> m.path("data").path("event_id").asText().equals(eventId),
                    Duration.ofSeconds(20));
            assertEquals(update.path("data").path("signals"), sameOnTheOtherGateway.path("data").path("signals"));
            List<List<String>> stored = TestSystem.query(db,
                    "SELECT ticker FROM signals WHERE scan_id = '" + scan.get("scan_id").asText() + "' ORDER BY ticker");
            assertTrue(stored.size() > 0, "the sample has KOSPI stocks in a stage-2 uptrend");
            assertEquals(stored.size(), update.get("data").get("count").asInt());
            List<String> onPage = new ArrayList<>();
            update.get("data").get("signals").forEach(s -> onPage.add(s.get("ticker").asText()));
            assertEquals(stored.stream().map(r -> r.get(0)).toList(), onPage.stream().sorted().toList());
        }
    }

    /** Checked on the packaged gateway too: two customizers of the HTTP server set compression, in no fixed order. */
    @Test
    @org.junit.jupiter.api.Order(3)
    void thePackagedGatewayDeclinesTheCompressionBrowsersOffer() throws Exception {
        for (String offer : List.of(WebSocketWire.BROWSER_COMPRESSION_OFFER, WebSocketWire.PER_FRAME_COMPRESSION_OFFER)) {
            String head = WebSocketWire.answer(gateway.baseUri(), "/ws", offer);

            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"),
                    offer + " was accepted: " + head);
        }
    }

    /** After the page test: its scan adds a KOSDAQ result to the page that test counts. */
    @Test
    @org.junit.jupiter.api.Order(2)
    void theLivePagesScanFormGoesThroughTheGatewayToTheScanner() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var ok = http.send(java.net.http.HttpRequest.newBuilder(gateway.baseUri().resolve("/api/scan"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"market\": \"KOSDAQ\", \"top_n\": 3}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("KOSDAQ", kr.vcp.model.Json.MAPPER.readTree(ok.body()).get("market").asText());

        var bad = http.send(java.net.http.HttpRequest.newBuilder(gateway.baseUri().resolve("/api/scan"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"market\": \"NYSE\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertEquals("market", kr.vcp.model.Json.MAPPER.readTree(bad.body()).get("violations").get(0).get("field").asText());
    }
}
