package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's VCP page in a real headless Chromium, served from an origin of its own as the dashboard is: it loads
 * the signals over REST, subscribes as that page does, presses the scan button, polls the status to completed and shows
 * the new rows with their live prices, investor flows and contraction ratios, without a reload or an error.
 */
class DashboardPageIT {

    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 17);

    private static SharedServers.Database db;
    private static KafkaServer kafka;
    private static ServiceProcess scanner;
    private static ServiceProcess gateway;
    private static HttpServer pageServer;

    @BeforeAll
    static void startTheSystem() throws Exception {
        pageServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pageServer.createContext("/", exchange -> {
            try (InputStream page = DashboardPageIT.class.getResourceAsStream("/dashboard-vcp-page.html")) {
                byte[] html = page.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, html.length);
                exchange.getResponseBody().write(html);
            }
            exchange.close();
        });
        pageServer.start();
        db = TestSystem.database("dashboard_page");
        kafka = KafkaServer.start(0);
        scanner = TestSystem.scanner("page-api-scanner", TestSystem.env(db, kafka.bootstrapServers()));
        gateway = TestSystem.gateway("page-api-gateway", TestSystem.env(db, kafka.bootstrapServers(),
                "VCP_SCANNER_URL", scanner.baseUri().toString(), "VCP_CORS_ORIGINS", pageOrigin()));
        TestSystem.loadSample(scanner);
    }

    @AfterAll
    static void stopTheSystem() {
        TestSystem.stopAll(gateway, scanner, kafka);
        if (pageServer != null) {
            pageServer.stop(0);
        }
    }

    private static String pageOrigin() {
        return "http://127.0.0.1:" + pageServer.getAddress().getPort();
    }

    @Test
    void theVcpPageFromItsOwnOriginScansThroughTheGatewayAndShowsPricesFlowsAndContractions() throws Exception {
        // Yesterday's list is on screen when the page opens; investor flows of its stocks arrive before today's scan.
        JsonNode earlier = TestSystem.scan(scanner, "{\"market\": \"ALL\", \"top_n\": 50, \"min_score\": 7}");
        List<String> tickers = new ArrayList<>();
        earlier.path("signals").forEach(s -> tickers.add(s.path("ticker").asText()));
        assertTrue(tickers.size() > 1, "planted setups make signals");
        for (int i = 0; i < tickers.size(); i++) {
            importFlows(tickers.get(i), (i + 1) * 1_000_000_000L, -(i + 1) * 100_000_000L);
        }

        try (Chromium browser = Chromium.start(1280, 900, Path.of("target", "e2e-logs", "chromium-dashboard.log"))) {
            browser.navigate(URI.create(pageOrigin() + "/?gateway=" + gateway.baseUri().toString().replaceAll("/$", "")));
            browser.waitFor("window.loads >= 1 && document.querySelectorAll('#signals tbody tr').length === "
                    + tickers.size(), Duration.ofSeconds(20));
            browser.eval("window.sameDocument = 'yes'");
            assertEquals("-", browser.eval("document.querySelector('#signals tbody tr').cells[6].textContent").asText(),
                    "the earlier scan was made before the flows were imported");

            browser.eval("document.getElementById('scan').click()");
            browser.waitFor("window.scanStatus === 'completed' && window.loads >= 2", Duration.ofSeconds(30));
            browser.waitFor("[...document.querySelectorAll('#signals tbody tr')].every(tr => tr.dataset.live === 'yes')"
                    + " && document.querySelector('#signals tbody tr').cells[6].textContent !== '-'", Duration.ofSeconds(20));

            assertEquals("yes", browser.eval("window.sameDocument").asText(), "no reload");
            assertEquals("[]", browser.eval("JSON.stringify(window.errors)").asText());
            assertEquals("completed", browser.eval("window.scanAnswer.status").asText());
            List<List<String>> stored = TestSystem.query(db, """
                    SELECT s.ticker, b.close, s.contraction_ratio, s.foreign_5d, s.inst_5d FROM signals s
                    JOIN daily_bars b ON b.ticker = s.ticker AND b.trade_date = s.signal_date
                    WHERE s.signal_date = '""" + LAST_DAY + "' ORDER BY s.score DESC, s.ticker");
            assertEquals(Integer.parseInt(browser.eval("window.scanAnswer.found_signals").asText()), stored.size());
            JsonNode rows = browser.eval("[...document.querySelectorAll('#signals tbody tr')].map(tr =>"
                    + " [...tr.cells].map(td => td.textContent))");
            assertEquals(stored.size(), rows.size());
            for (int i = 0; i < stored.size(); i++) {
                List<String> row = stored.get(i);
                JsonNode cells = rows.get(i);
                assertEquals(row.get(0), cells.get(0).asText());
                assertEquals(row.get(1), cells.get(4).asText(), "the live price of " + row.get(0));
                assertEquals(eok(row.get(3)), cells.get(6).asText(), "foreign 5D of " + row.get(0));
                assertEquals(eok(row.get(4)), cells.get(7).asText(), "institutions 5D of " + row.get(0));
                assertEquals(String.format(Locale.ROOT, "%.2f", Double.parseDouble(row.get(2))), cells.get(8).asText());
            }
            assertTrue(stored.stream().anyMatch(r -> r.get(3) != null), "flows imported for the earlier signals");
        }
    }

    /** Five trading days of net buying up to the last day: {@code foreign} and {@code institutions} KRW a day. */
    private static void importFlows(String ticker, long foreign, long institutions) throws Exception {
        StringBuilder csv = new StringBuilder("날짜,기관합계,기타법인,개인,외국인합계,전체\n");
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LAST_DAY; days.size() < 5; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, d);
            }
        }
        for (LocalDate d : days) {
            csv.append(d).append(',').append(institutions).append(",0,0,").append(foreign).append(",0\n");
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(scanner.baseUri()
                        .resolve("/market-data/flows/" + ticker)).header("Content-Type", "text/csv; charset=UTF-8")
                .header(SharedServers.WRITE_KEY_HEADER, TestSystem.WRITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String eok(String won) {
        return won == null ? "-" : String.format(Locale.ROOT, "%.1f억", Long.parseLong(won) / 1e8);
    }
}
