package kr.vcp.scanner.marketdata;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.analysis.StockBars;
import kr.vcp.scanner.analysis.VcpEngine;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.stock.AnalysisResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The market held in memory against the tables it comes from: the same bars, so the same scans and analyses. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class HeldMarketTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 17);

    @Inject
    Pool pool;

    @Inject
    HeldMarket market;

    @Inject
    VcpEngine engine;

    @Inject
    ScannerConfig config;

    /** The real sample; {@link SyntheticHeldMarketTest} runs the same on the generated market. */
    void load() {
        SampleMarket.load();
    }

    /** Two stocks given investor flows, so the flows' windows are compared too. */
    List<String> withFlows() {
        return List.of("005930", "000660");
    }

    /** The fewest stocks the market holds on the last day. */
    int listings() {
        return 10;
    }

    /** The fewest signals a scan of the last day finds: the twelve real stocks hold no VCP that day. */
    int signals() {
        return 0;
    }

    @BeforeEach
    void loadMarket() {
        load();
        for (String ticker : withFlows()) {
            // 90 calendar days of flows up to the last day, alternating sellers and buyers.
            pool.preparedQuery("""
                    INSERT INTO investor_flows (ticker, trade_date, institution, other_corp, individual, foreign_net, total)
                    SELECT $1, d::date, (extract(day FROM d)::bigint % 3 - 1) * 1000000, 0, 0,
                           (extract(day FROM d)::bigint % 5 - 2) * 2000000, 0
                    FROM generate_series($2::date - 90, $2::date, interval '1 day') d
                    ON CONFLICT DO NOTHING""").execute(Tuple.of(ticker, LAST_DAY)).await().indefinitely();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-17", "2025-05-02", "2024-12-30", "2024-09-02"})
    void everyBarAndFlowOfADayIsHeldAsTheTablesHoldIt(String date) {
        LocalDate day = LocalDate.parse(date);
        int lookback = config.scan().lookbackDays();
        List<StockBars> fromTables = DatabaseUniverse.read(pool, day, lookback);
        List<StockBars> held = market.current().await().indefinitely().day(day, lookback).universe();

        assertTrue(fromTables.size() >= listings(), "stocks of the day: " + fromTables.size());
        assertEquals(fromTables.stream().map(StockBars::ticker).toList(), held.stream().map(StockBars::ticker).toList());
        int withFlows = 0;
        for (int i = 0; i < held.size(); i++) {
            StockBars expected = fromTables.get(i);
            StockBars actual = held.get(i);
            String t = expected.ticker();
            assertEquals(expected.name(), actual.name(), t);
            assertEquals(expected.market(), actual.market(), t);
            assertArrayEquals(expected.series().dates(), actual.series().dates(), t);
            assertArrayEquals(expected.series().open(), actual.series().open(), t);
            assertArrayEquals(expected.series().high(), actual.series().high(), t);
            assertArrayEquals(expected.series().low(), actual.series().low(), t);
            assertArrayEquals(expected.series().close(), actual.series().close(), t);
            assertArrayEquals(expected.series().volume(), actual.series().volume(), t);
            if (expected.flows() == null) {
                assertNull(actual.flows(), t);
            } else {
                withFlows++;
                assertArrayEquals(expected.flows().foreigners(), actual.flows().foreigners(), t);
                assertArrayEquals(expected.flows().institutions(), actual.flows().institutions(), t);
            }
        }
        if (!day.isBefore(LAST_DAY.minusDays(40))) {
            assertTrue(withFlows >= withFlows().size(), "stocks with flows compared: " + withFlows);
        }
    }

    @Test
    void aScanFromMemoryEqualsTheEngineRunOnTheTables() throws Exception {
        JsonNode scanned = Json.MAPPER.readTree(given().contentType(ContentType.JSON)
                .body("{\"market\": \"ALL\", \"top_n\": 100, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract().asString());
        List<StockBars> universe = DatabaseUniverse.read(pool, LAST_DAY, config.scan().lookbackDays());
        VcpEngine.Result expected = engine.scan(universe, EnumSet.allOf(Market.class), 0, 100, LocalDateTime.now());
        String gate = "시장 " + engine.breadth(LAST_DAY, universe, engine.rate(universe)).status();

        assertEquals(expected.universe(), scanned.path("counts").path("universe").asInt());
        assertEquals(expected.analysed(), scanned.path("counts").path("analysed").asInt());
        List<JsonNode> signals = new ArrayList<>();
        scanned.path("signals").forEach(s -> signals.add(withoutTime(s)));
        assertTrue(signals.size() >= signals(), "signals: " + signals.size());
        assertEquals(expected.candidates().stream().map(c -> withoutTime(tree(c.signal().withReason(gate)))).toList(),
                signals);
    }

    @Test
    void analysesFromMemoryEqualTheEngineRunOnTheTables() throws Exception {
        List<StockBars> fromTables = DatabaseUniverse.read(pool, LAST_DAY, config.scan().lookbackDays());
        List<String> tickers = Stream.concat(fromTables.stream().limit(12).map(StockBars::ticker),
                SampleMarket.planted.stream().limit(5)).toList();
        for (String ticker : tickers) {
            JsonNode served = Json.MAPPER.readTree(given().get("/analysis/" + ticker).then().statusCode(200)
                    .extract().asString());
            JsonNode expected = tree(AnalysisResponse.of(
                    engine.explain(fromTables, ticker, LocalDateTime.now()).orElseThrow()));
            assertEquals(withoutTime(expected), withoutTime(served), ticker);
        }
    }

    @Test
    void aChangeWrittenByAnotherWriterIsInTheNextRead() {
        // Rows written straight into the tables, as another replica's import would write them.
        LocalDate nextDay = LAST_DAY.plusDays(1);
        String ticker = withFlows().get(0);
        try {
            pool.preparedQuery("""
                    INSERT INTO daily_bars (ticker, trade_date, open, high, low, close, volume)
                    VALUES ($1, $2, 60000, 61500, 59800, 61234, 12345678)""")
                    .execute(Tuple.of(ticker, nextDay)).await().indefinitely();

            given().get("/analysis/" + ticker).then().statusCode(200)
                    .body("as_of", org.hamcrest.Matchers.equalTo(nextDay.toString()))
                    .body("close", org.hamcrest.Matchers.equalTo(61234.0f));
        } finally {
            pool.preparedQuery("DELETE FROM daily_bars WHERE ticker = $1 AND trade_date = $2")
                    .execute(Tuple.of(ticker, nextDay)).await().indefinitely();
        }
        given().get("/analysis/" + ticker).then().statusCode(200)
                .body("as_of", org.hamcrest.Matchers.equalTo(LAST_DAY.toString()));
        MarketSnapshot held = market.held();
        assertNotNull(held);
        assertEquals(LAST_DAY, held.stock(ticker).orElseThrow().bars().lastDate());
    }

    /** As the API writes it and a client reads it back, so numbers compare by value whatever their Java type. */
    @Test
    void thisReplicasOwnImportIsHeldAsTheTablesHoldItWithoutReadingItBack() {
        StockBars before = DatabaseUniverse.read(pool, LAST_DAY, config.scan().lookbackDays()).stream()
                .filter(s -> s.ticker().equals(withFlows().get(1))).findFirst().orElseThrow();
        String ticker = before.ticker();
        int n = before.series().size();
        LocalDate changedDay = before.series().dates()[n - 1];
        LocalDate haltedDay = before.series().dates()[n - 3];
        LocalDate nextDay = LAST_DAY.plusDays(1);
        String header = String.join(",", MarketDataFiles.BAR_HEADER) + "\n";
        String file = header + haltedDay + ",0,0,0," + before.series().close()[n - 3] + ",0,0\n"
                + changedDay + ",1000,1200,900,1100,777,0\n"
                + nextDay + ",1100,1300,1000,1250,888,0\n";
        try {
            given().contentType("text/csv; charset=UTF-8").body(file).post("/market-data/bars/" + ticker).then()
                    .statusCode(200).body("rows", org.hamcrest.Matchers.equalTo(3));
            long lastChange = pool.query("SELECT max(id) AS last FROM market_changes").execute().await()
                    .indefinitely().iterator().next().getLong("last");
            MarketSnapshot held = market.held();
            // Taken in from the write itself: the held copy is already at the newest change, nothing to read back.
            assertEquals(lastChange, held.version());
            StockBars fromTables = DatabaseUniverse.read(pool, nextDay, config.scan().lookbackDays()).stream()
                    .filter(s -> s.ticker().equals(ticker)).findFirst().orElseThrow();
            StockBars fromMemory = held.day(nextDay, config.scan().lookbackDays()).stock(ticker);
            assertArrayEquals(fromTables.series().dates(), fromMemory.series().dates());
            assertArrayEquals(fromTables.series().close(), fromMemory.series().close());
            assertArrayEquals(fromTables.series().volume(), fromMemory.series().volume());
            assertEquals(nextDay, fromMemory.series().lastDate());
            assertEquals(n, fromMemory.series().size(), "one day halted, one added");
        } finally {
            pool.preparedQuery("DELETE FROM daily_bars WHERE ticker = $1 AND trade_date = $2")
                    .execute(Tuple.of(ticker, nextDay)).await().indefinitely();
            given().contentType("text/csv; charset=UTF-8").body(header + haltedDay + ","
                            + before.series().open()[n - 3] + "," + before.series().high()[n - 3] + ","
                            + before.series().low()[n - 3] + "," + before.series().close()[n - 3] + ","
                            + before.series().volume()[n - 3] + ",0\n" + changedDay + "," + before.series().open()[n - 1]
                            + "," + before.series().high()[n - 1] + "," + before.series().low()[n - 1] + ","
                            + before.series().close()[n - 1] + "," + before.series().volume()[n - 1] + ",0\n")
                    .post("/market-data/bars/" + ticker).then().statusCode(200);
        }
        StockBars restored = market.current().await().indefinitely().day(LAST_DAY, config.scan().lookbackDays())
                .stock(ticker);
        assertArrayEquals(before.series().close(), restored.series().close());
    }

    private static JsonNode tree(Object value) {
        try {
            return Json.MAPPER.readTree(Json.write(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode withoutTime(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy.has("created_at")) {
            ((ObjectNode) copy).remove("created_at");
        }
        if (copy.path("signal").isObject()) {
            ((ObjectNode) copy.path("signal")).remove("created_at");
        }
        return copy;
    }
}
