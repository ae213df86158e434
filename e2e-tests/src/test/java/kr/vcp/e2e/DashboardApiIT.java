package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard's REST API (contract.md, "The whole dashboard") on the packaged gateway, sourced from the packaged
 * scanner on real PostgreSQL and Kafka: each path's fields against what is stored, its errors, CORS, and prices moving
 * on a subscribed page when bars are imported or ticks arrive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DASHBOARD = "http://dashboard.e2e:5110";
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 17);

    private static SharedServers.Database db;
    private static KafkaServer kafka;
    private static ServiceProcess scanner;
    private static ServiceProcess gateway;

    /** A broker of its own: the price topics then hold this test's ticks only. */
    @BeforeAll
    static void startTheSystem() throws Exception {
        db = TestSystem.database("dashboard_api");
        kafka = KafkaServer.start(0);
        scanner = TestSystem.scanner("api-scanner", TestSystem.env(db, kafka.bootstrapServers()));
        gateway = TestSystem.gateway("api-gateway", TestSystem.env(db, kafka.bootstrapServers(),
                "VCP_SCANNER_URL", scanner.baseUri().toString(), "VCP_CORS_ORIGINS", DASHBOARD));
        TestSystem.loadSample(scanner);
    }

    @AfterAll
    static void stopTheSystem() {
        TestSystem.stopAll(gateway, scanner, kafka);
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> response) {
    }

    private static Answer call(String method, String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.baseUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), Json.treeOrNull(r.body()), r);
    }

    private static JsonNode ok(String path) throws Exception {
        Answer a = call("GET", path, null);
        assertEquals(200, a.status(), path + ": " + a.response().body());
        return a.body();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    @Test
    @Order(1)
    void theScanButtonScansAndThePanelPollsItsStatus() throws Exception {
        Answer scan = call("POST", "/api/kr/scan/vcp?min_score=0", DASHBOARD);
        assertEquals(200, scan.status(), scan.response().body());
        assertEquals(DASHBOARD, scan.response().headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        JsonNode panel = scan.body();
        List<String> last = TestSystem.query(db, "SELECT analysed_count, signal_count FROM scans ORDER BY finished_at DESC"
                + " LIMIT 1").get(0);
        assertEquals("completed", panel.path("status").asText());
        assertEquals(Integer.parseInt(last.get(0)), panel.path("scanned_count").asInt());
        assertEquals(Integer.parseInt(last.get(1)), panel.path("found_signals").asInt());
        assertEquals(panel.path("found_signals").asInt(), panel.path("signals").size());
        assertTrue(panel.path("found_signals").asInt() > 0, panel.toString());
        assertTrue(panel.path("error_message").isNull());
        JsonNode first = panel.path("signals").get(0);
        assertTrue(first.path("score").isIntegralNumber() && first.path("entry_price").isIntegralNumber(), first.toString());
        assertTrue(first.path("detected_at").isTextual(), first.toString());

        JsonNode status = ok("/api/kr/scan/status");
        assertEquals("completed", status.path("vcp_scan_status").asText());
        assertEquals(100, status.path("progress_percentage").asInt());
        assertEquals(status, ok("/api/system/scan/status"));

        Answer refused = call("POST", "/api/kr/scan/vcp?min_score=1000", DASHBOARD);
        assertEquals(400, refused.status());
        assertEquals("min_score", refused.body().path("violations").get(0).path("field").asText());
    }

    @Test
    @Order(2)
    void theSignalListsAreTheStoredSignalsOfTheNewestDay() throws Exception {
        List<List<String>> stored = TestSystem.query(db, """
                SELECT s.ticker, s.score, s.market, s.contraction_ratio, b.close FROM signals s
                JOIN daily_bars b ON b.ticker = s.ticker AND b.trade_date = s.signal_date
                WHERE s.signal_date = (SELECT max(signal_date) FROM signals x WHERE x.market = s.market)
                ORDER BY s.score DESC, s.ticker""");

        JsonNode all = ok("/api/kr/signals?limit=100");
        assertTrue(all.isArray(), "a bare array");
        assertEquals(stored.stream().map(r -> r.get(0)).toList(), texts(all, "ticker"));
        assertEquals(stored.stream().map(r -> r.get(1)).toList(), texts(all, "score"));
        all.forEach(s -> assertTrue(s.path("score").isIntegralNumber() && s.path("target_price").isIntegralNumber()
                && s.path("signal_type").asText().equals("VCP") && s.path("created_at").isTextual(), s.toString()));
        assertEquals(Math.min(20, stored.size()), ok("/api/kr/signals").size());

        JsonNode vcp = ok("/api/kr/signals/vcp?limit=50");
        assertEquals(stored.size(), vcp.path("count").asInt());
        assertTrue(vcp.path("generated_at").isTextual());
        for (int i = 0; i < stored.size(); i++) {
            JsonNode s = vcp.path("signals").get(i);
            assertEquals(stored.get(i).get(0), s.path("ticker").asText());
            assertEquals(stored.get(i).get(2), s.path("market").asText());
            assertEquals(LAST_DAY.toString(), s.path("signal_date").asText());
            assertEquals(Long.parseLong(stored.get(i).get(4)), s.path("current_price").asLong());
            assertTrue(s.path("contraction_ratio").isNumber());
            assertEquals(Double.parseDouble(stored.get(i).get(3)), s.path("contraction_ratio").asDouble(), 1e-9);
            assertTrue(s.has("foreign_5d") && s.path("foreign_5d").isNull(), "no flows in the generated market");
        }
        JsonNode kosdaq = ok("/api/kr/signals/vcp?market=KOSDAQ");
        kosdaq.path("signals").forEach(s -> assertEquals("KOSDAQ", s.path("market").asText()));

        assertEquals(400, call("GET", "/api/kr/signals?limit=0", null).status());
        assertEquals("market", call("GET", "/api/kr/signals/vcp?market=NASDAQ", null).body().path("violations").get(0)
                .path("field").asText());
    }

    @Test
    @Order(3)
    void aStocksPagesReadItsDetailChartFlowsAndSignalHistory() throws Exception {
        String ticker = ok("/api/kr/signals").get(0).path("ticker").asText();
        List<String> listing = TestSystem.query(db, "SELECT name, market FROM stocks WHERE ticker = '" + ticker + "'").get(0);
        List<List<String>> closes = TestSystem.query(db, "SELECT close, volume FROM daily_bars WHERE ticker = '" + ticker
                + "' AND NOT halted ORDER BY trade_date DESC LIMIT 2");

        JsonNode detail = ok("/api/kr/stocks/" + ticker);
        assertEquals(listing.get(0), detail.path("name").asText());
        assertEquals(listing.get(1), detail.path("market").asText());
        assertTrue(detail.has("sector") && detail.path("sector").isNull());
        assertEquals(Long.parseLong(closes.get(0).get(0)), detail.path("current_price").asLong());
        assertEquals(Long.parseLong(closes.get(0).get(0)) - Long.parseLong(closes.get(1).get(0)),
                detail.path("price_change").asLong());
        assertEquals(Long.parseLong(closes.get(0).get(1)), detail.path("volume").asLong());
        assertEquals(LAST_DAY + "T15:30:00", detail.path("updated_at").asText());

        JsonNode chart = ok("/api/kr/stocks/" + ticker + "/chart?period=6mo");
        long bars = Long.parseLong(TestSystem.query(db, "SELECT count(*) FROM daily_bars WHERE ticker = '" + ticker
                + "' AND NOT halted AND trade_date > '" + LAST_DAY.minusMonths(6) + "'").get(0).get(0));
        assertEquals(bars, chart.path("total_points").asLong());
        assertEquals(bars, chart.path("data").size());
        assertEquals(LAST_DAY.toString(), chart.path("data").get((int) bars - 1).path("date").asText());
        assertTrue(chart.path("data").get(0).path("volume").isIntegralNumber());

        JsonNode flow = ok("/api/kr/stocks/" + ticker + "/flow?days=20");
        assertEquals(20, flow.path("period_days").asInt());
        assertEquals(0, flow.path("total_points").asInt());
        assertTrue(flow.has("smartmoney_score") && flow.path("smartmoney_score").isNull());

        JsonNode history = ok("/api/kr/stocks/" + ticker + "/signals");
        long signals = Long.parseLong(TestSystem.query(db, "SELECT count(*) FROM signals WHERE ticker = '" + ticker + "'")
                .get(0).get(0));
        assertEquals(signals, history.path("total_signals").asLong());
        assertEquals("OPEN", history.path("signals").get(0).path("status").asText());
        assertEquals("VCP", history.path("signals").get(0).path("signal_type").asText());

        assertEquals(404, call("GET", "/api/kr/stocks/000009", null).status());
        assertEquals("unknown_ticker", call("GET", "/api/kr/stocks/000009/chart", null).body().path("error").asText());
        assertEquals("period", call("GET", "/api/kr/stocks/" + ticker + "/chart?period=2y", null).body()
                .path("violations").get(0).path("field").asText());
        assertEquals("days", call("GET", "/api/kr/stocks/" + ticker + "/flow?days=61", null).body()
                .path("violations").get(0).path("field").asText());
    }

    @Test
    @Order(4)
    void theHomePagesGateKpiAndHealthBadgeAnswer() throws Exception {
        JsonNode gate = ok("/api/kr/market-gate");
        assertTrue(List.of("GREEN", "YELLOW", "RED").contains(gate.path("status").asText()), gate.toString());
        int level = gate.path("level").asInt();
        assertTrue(level >= 0 && level <= 100);
        assertEquals(level >= 60 ? "GREEN" : level >= 40 ? "YELLOW" : "RED", gate.path("status").asText());
        assertTrue(gate.has("kospi_close") && gate.path("kospi_close").isNull());
        assertEquals(0, gate.path("sectors").size());

        JsonNode kpi = ok("/api/kr/backtest-kpi");
        assertEquals("No Data", kpi.path("vcp").path("status").asText(), "every signal is of the newest day");
        assertEquals("No Data", kpi.path("closing_bet").path("status").asText());

        JsonNode health = ok("/api/system/health");
        assertEquals("healthy", health.path("status").asText(), health.toString());
        assertEquals("up", health.path("services").path("vcp-scanner").asText());
        assertEquals("up", health.path("database_status").asText());
        assertEquals("not used", health.path("redis_status").asText());
    }

    @Test
    @Order(5)
    void aPreflightFromTheDashboardIsAllowedAndFromElsewhereRefused() throws Exception {
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/api/kr/signals/vcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", DASHBOARD)
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, allowed.statusCode());
        assertEquals(DASHBOARD, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(403, call("GET", "/api/kr/signals/vcp", "http://elsewhere.example").status());
    }

    @Test
    @Order(6)
    void anImportAndTicksMoveTheSubscribedPagesPriceAndABadBatchMovesNothing() throws Exception {
        String ticker = ok("/api/kr/signals").get(0).path("ticker").asText();
        long close = ok("/api/kr/stocks/" + ticker).path("current_price").asLong();
        try (Browser page = new Browser(gateway.port())) {
            page.send("{\"type\": \"subscribe\", \"topic\": \"price:" + ticker + "\"}");
            // The latest price is there at once: the close the generator's import published.
            JsonNode now = page.await(m -> m.path("type").asText().equals("price_update"), Duration.ofSeconds(20));
            assertEquals(ticker, now.path("ticker").asText());
            assertEquals(close, now.path("data").path("price").asLong());

            long next = close + 500;
            HttpResponse<String> imported = writeToScanner("/market-data/bars/" + ticker, "text/csv; charset=UTF-8",
                    "날짜,시가,고가,저가,종가,거래량,등락률\n2025-06-18," + close + "," + next + "," + close + "," + next + ",777,0\n");
            assertEquals(200, imported.statusCode(), imported.body());
            JsonNode moved = page.await(m -> m.path("data").path("price").asLong() == next, Duration.ofSeconds(20));
            assertEquals(500, moved.path("data").path("change").asLong());
            assertEquals(777, moved.path("data").path("volume").asLong());

            HttpResponse<String> bad = writeToScanner("/market-data/ticks", "application/json", "{\"ticks\": ["
                    + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-19T10:00:00\", \"price\": 1, \"volume\": 1},"
                    + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-19T10:00:01\", \"price\": 0, \"volume\": 1}]}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("ticks[1].price"), bad.body());
            HttpResponse<String> good = writeToScanner("/market-data/ticks", "application/json", "{\"ticks\": ["
                    + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-19T10:00:02\", \"price\": " + (next + 100)
                    + ", \"volume\": 5}]}");
            assertEquals(200, good.statusCode(), good.body());
            page.await(m -> m.path("data").path("price").asLong() == next + 100, Duration.ofSeconds(20));
            assertTrue(page.received().stream().noneMatch(m -> m.path("data").path("price").asLong() == 1),
                    "the refused batch published nothing");
            assertEquals(next + 100, ok("/api/kr/realtime-prices?tickers=" + ticker).path("prices").path(ticker)
                    .path("price").asLong());
        }
    }

    private static HttpResponse<String> writeToScanner(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(scanner.baseUri().resolve(path)).header("Content-Type", type)
                .header(SharedServers.WRITE_KEY_HEADER, TestSystem.WRITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
