package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import kr.vcp.infra.SampleData;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as it ships: real PostgreSQL, real Kafka, and both packaged services as separate processes. A
 * browser-like client subscribes exactly as contract.md's snippet does; the contract's curl body triggers the scan.
 */
class SignalFlowIT {

    private static final Set<String> SAMPLE = Set.of("005930", "000660", "012450", "298040", "035420", "042700",
            "068270", "035720", "086520", "196170");

    private static SharedServers.Database db;
    private static ServiceProcess scanner;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startTheSystem() {
        db = SharedServers.postgres();
        String bootstrap = SharedServers.kafkaBootstrap();
        Map<String, String> env = Map.of(SharedServers.PG_URL_ENV, db.url(), SharedServers.KAFKA_ENV, bootstrap);
        Path logs = Path.of("target", "e2e-logs");
        scanner = ServiceProcess.start("vcp-scanner", Path.of(System.getProperty("vcp.scanner.app")), 0, env, logs);
        gateway = ServiceProcess.start("api-gateway", Path.of(System.getProperty("vcp.gateway.app")), 0, env, logs);
        SampleData.load(scanner.baseUri(), Path.of(System.getProperty("vcp.sample-data")), SAMPLE::contains);
    }

    @AfterAll
    static void stopTheSystem() {
        if (gateway != null) {
            gateway.close();
        }
        if (scanner != null) {
            scanner.close();
        }
    }

    @Test
    void aManualScanReachesASubscribedBrowserWithTheCountOfStoredRows() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"), new Collector(received))
                .get(10, TimeUnit.SECONDS);
        // contract.md: ws.send(JSON.stringify({type: "subscribe", topic: "signal:vcp"}))
        socket.sendText("{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}", true).get(5, TimeUnit.SECONDS);
        awaitMessage(received, "subscribed", Duration.ofSeconds(10));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(scanner.baseUri().resolve("/scan"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"market\": \"KOSPI\", \"top_n\": 5, \"min_score\": 7}"))
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        UUID scanId = UUID.fromString(Json.MAPPER.readTree(response.body()).get("scan_id").asText());

        JsonNode update = awaitMessage(received, "signal_update", Duration.ofSeconds(20));
        int stored = storedRows(scanId);
        assertTrue(stored > 0, "the sample has KOSPI stocks in a stage-2 uptrend");
        assertEquals(stored, update.get("data").get("count").asInt());
        assertEquals(stored, update.get("data").get("signals").size());
        List<String> tickersInDb = storedTickers(scanId);
        List<String> tickersOnPage = new ArrayList<>();
        update.get("data").get("signals").forEach(s -> tickersOnPage.add(s.get("ticker").asText()));
        assertEquals(tickersInDb.stream().sorted().toList(), tickersOnPage.stream().sorted().toList());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    private static int storedRows(UUID scanId) throws Exception {
        return storedTickers(scanId).size();
    }

    private static List<String> storedTickers(UUID scanId) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement q = c.prepareStatement("SELECT ticker FROM signals WHERE scan_id = ?")) {
            q.setObject(1, scanId);
            List<String> tickers = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    tickers.add(rs.getString(1));
                }
            }
            return tickers;
        }
    }

    private static JsonNode awaitMessage(List<JsonNode> received, String type, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode m : received) {
                if (m.path("type").asText().equals(type)) {
                    return m;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " within " + timeout + "; received " + received
                + "\nscanner log: " + scanner.log() + "\ngateway log: " + gateway.log());
    }

    /** Collects whole text messages, as a browser's onmessage would see them. */
    private static final class Collector implements WebSocket.Listener {
        private final List<JsonNode> received;
        private final StringBuilder partial = new StringBuilder();

        Collector(List<JsonNode> received) {
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
