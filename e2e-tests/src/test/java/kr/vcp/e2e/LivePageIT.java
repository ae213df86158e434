package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.vcp.infra.Backtests;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's live page in a real headless Chromium against the packaged services: it connects, a scan made
 * through the REST API fills its table without a reload, a selected signal's base is charted, and its own scan form
 * works. The screenshot is kept in {@code e2e-tests/target/e2e-artifacts/}.
 */
class LivePageIT {

    static final Path SCREENSHOT = Path.of("target", "e2e-artifacts", "live-page.png");
    static final Path TRACK_SCREENSHOT = Path.of("target", "e2e-artifacts", "live-page-track-record.png");

    private static SharedServers.Database db;
    private static KafkaServer kafka;
    private static ServiceProcess scanner;
    private static ServiceProcess gateway;

    /** A broker of its own, so the page starts empty and shows this test's scans only. */
    @BeforeAll
    static void startTheSystem() throws Exception {
        db = TestSystem.database("live_page");
        kafka = KafkaServer.start(0);
        var env = TestSystem.env(db, kafka.bootstrapServers());
        scanner = TestSystem.scanner("page-scanner", env);
        gateway = TestSystem.gateway("page-gateway", TestSystem.env(db, kafka.bootstrapServers(),
                "VCP_SCANNER_URL", scanner.baseUri().toString()));
        TestSystem.loadSample(scanner);
    }

    @AfterAll
    static void stopTheSystem() {
        TestSystem.stopAll(gateway, scanner, kafka);
    }

    @Test
    void aScanThroughTheApiAppearsOnTheOpenPageAndASelectedSignalIsCharted() throws Exception {
        try (Chromium browser = Chromium.start(1280, 1100, Path.of("target", "e2e-logs", "chromium.log"))) {
            browser.navigate(gateway.baseUri().resolve("/"));
            browser.waitFor("document.getElementById('state').className === 'open'", Duration.ofSeconds(15));
            assertEquals(0, browser.eval("document.querySelectorAll('#signals tbody tr').length").asInt());
            browser.eval("window.sameDocument = 'yes'");

            JsonNode scan = TestSystem.scan(scanner, "{\"market\": \"ALL\", \"top_n\": 10, \"min_score\": 7}");

            List<String> stored = TestSystem.query(db, "SELECT ticker FROM signals WHERE scan_id = '"
                    + scan.get("scan_id").asText() + "' ORDER BY ticker").stream().map(r -> r.get(0)).toList();
            assertTrue(stored.size() > 1, "the sample market holds planted setups in both markets");
            browser.waitFor("document.querySelectorAll('#signals tbody tr').length === " + stored.size(),
                    Duration.ofSeconds(20));
            assertEquals("yes", browser.eval("window.sameDocument").asText(), "the rows came without a reload");
            assertEquals(stored, sorted(browser.eval(
                    "[...document.querySelectorAll('#signals tbody tr')].map(tr => tr.dataset.ticker)")));
            String firstTicker = browser.eval("document.querySelector('#signals tbody tr').dataset.ticker").asText();
            JsonNode best = scan.get("signals").get(0);
            JsonNode firstSignal = java.util.stream.StreamSupport.stream(scan.get("signals").spliterator(), false)
                    .filter(s -> s.get("ticker").asText().equals(firstTicker)).findFirst().orElseThrow();
            assertEquals(best.get("score").asInt(), firstSignal.get("score").asInt(), "best first");
            assertEquals(List.of(firstTicker, firstSignal.get("name").asText(), firstSignal.get("grade").asText(),
                    firstSignal.get("score").asText()), strings(browser.eval(
                    "[...document.querySelector('#signals tbody tr').cells].slice(0, 4).map(td => td.textContent)")));

            // The new columns: the live price from the stock's price topic, and the contraction ratio.
            String close = TestSystem.query(db, "SELECT close FROM daily_bars WHERE ticker = '" + firstTicker
                    + "' ORDER BY trade_date DESC LIMIT 1").get(0).get(0);
            assertEquals(List.of(won(Json.MAPPER.readTree(close)), String.format(java.util.Locale.ROOT, "%.2f",
                            firstSignal.get("contraction_ratio").asDouble())),
                    strings(browser.eval("[...document.querySelector('#signals tbody tr').cells].slice(7, 9)"
                            + ".map(td => td.textContent)")));
            JsonNode gate = Json.MAPPER.readTree(TestSystem.get(gateway.baseUri().resolve("/api/kr/market-gate")));
            browser.waitFor("document.getElementById('gate').textContent === '시장 " + gate.get("status").asText() + " · "
                    + gate.get("level").asInt() + "'", Duration.ofSeconds(15));

            browser.eval("document.querySelector('#signals tbody tr').click()");
            browser.waitFor("document.querySelectorAll('#chart line.contraction').length > 0", Duration.ofSeconds(15));

            JsonNode analysis = Json.MAPPER.readTree(TestSystem.get(gateway.baseUri().resolve("/api/analysis/" + firstTicker)));
            assertEquals(analysis.get("pattern").get("contractions").size(),
                    browser.eval("document.querySelectorAll('#chart line.contraction').length").asInt());
            assertEquals(analysis.get("bars").size(), browser.eval("document.querySelectorAll('#chart rect.vol').length").asInt());
            String chartText = browser.eval("document.querySelector('#chart svg').textContent").asText();
            for (String level : List.of("피벗 " + won(analysis.get("pattern").get("pivot")),
                    "손절 " + won(analysis.get("risk_plan").get("stop")), "목표 " + won(analysis.get("risk_plan").get("target")))) {
                assertTrue(chartText.contains(level), "chart labels " + level + ": " + chartText);
            }
            assertEquals(analysis.get("name").asText() + " (" + firstTicker + ") · " + analysis.get("as_of").asText(),
                    browser.eval("document.querySelector('#chart h2').textContent").asText());

            browser.eval("document.querySelector('#scan select[name=market]').value = 'KOSDAQ'");
            browser.eval("document.querySelector('#scan input[name=top_n]').value = '3'");
            browser.eval("document.querySelector('#scan button').click()");
            browser.waitFor("/기준 \\d+개 신호/.test(document.getElementById('scan-result').textContent)",
                    Duration.ofSeconds(20));
            List<List<String>> kosdaqScans = TestSystem.query(db, "SELECT count(*) FROM scans WHERE market = 'KOSDAQ'");
            assertEquals("1", kosdaqScans.get(0).get(0), "the page's form ran one KOSDAQ scan on the scanner");

            browser.screenshot(SCREENSHOT);
            assertTrue(Files.size(SCREENSHOT) > 20_000, "a rendered page, not a blank image");
        }
    }

    @Test
    void theTrackRecordShowsTheLatestBacktestsEquityCurveAndFiguresByGrade() throws Exception {
        JsonNode done = Json.MAPPER.readTree(Backtests.run(scanner.baseUri(), TestSystem.WRITE_KEY,
                "{\"from\": \"2025-03-04\", \"to\": \"2025-05-30\", \"min_score\": 0, \"top_n\": 10}"));
        JsonNode report = done.get("report");
        assertTrue(report.get("figures").get("trades").asInt() > 0, "the planted setups make trades");
        try (Chromium browser = Chromium.start(1280, 1100, Path.of("target", "e2e-logs", "chromium-track.log"))) {
            browser.navigate(gateway.baseUri().resolve("/"));
            browser.waitFor("!document.getElementById('by-grade').hidden", Duration.ofSeconds(15));

            List<String> expected = new ArrayList<>();
            report.get("by_grade").fields().forEachRemaining(g -> expected.add(g.getKey() + " "
                    + g.getValue().get("trades").asInt() + " " + g.getValue().get("closed").asInt()));
            assertEquals(expected, strings(browser.eval("[...document.querySelectorAll('#by-grade tbody tr')]"
                    + ".map(tr => [0, 1, 3].map(i => tr.cells[i].textContent).join(' '))")));
            assertEquals(report.get("equity_curve").size(), browser.eval(
                    "document.querySelector('#equity polyline').getAttribute('points').split(' ').length").asInt());
            String meta = browser.eval("document.getElementById('track-meta').textContent").asText();
            assertTrue(meta.startsWith("2025-03-04 ~ 2025-05-30, " + report.get("days").asInt() + "거래일: 신호 "
                    + report.get("figures").get("trades").asInt() + ","), meta);
            browser.screenshot(TRACK_SCREENSHOT);
        }
    }

    private static List<String> sorted(JsonNode array) {
        return strings(array).stream().sorted().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** As the page writes amounts: ko-KR grouping. */
    private static String won(JsonNode amount) {
        return String.format(java.util.Locale.KOREA, "%,d", amount.asLong());
    }
}
