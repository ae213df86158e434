package kr.vcp.scanner.stock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.model.Json;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.SyntheticDataset;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the dashboard's pages read of one stock, of the signals and of prices, against what is stored. */
@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DashboardReadsTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 17);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void loadMarket() {
        SampleMarket.loadSynthetic();
    }

    /** A listed stock that is none of the planted setups, so ticks on it move no test's signals. */
    private String quietTicker(int n) {
        return rows("SELECT ticker FROM stocks WHERE ticker <> ALL($1) ORDER BY ticker OFFSET $2 LIMIT 1",
                Tuple.of(SampleMarket.planted.toArray(String[]::new), 40 + n)).get(0).getString("ticker");
    }

    @Test
    void aStocksDetailIsItsLatestCloseAndTheChangeAgainstTheCloseBefore() {
        String ticker = SampleMarket.planted.get(0);
        List<Row> last = rows("SELECT close, volume FROM daily_bars WHERE ticker = $1 AND NOT halted"
                + " ORDER BY trade_date DESC LIMIT 2", Tuple.of(ticker));
        Row listing = rows("SELECT name, market FROM stocks WHERE ticker = $1", Tuple.of(ticker)).get(0);
        long close = last.get(0).getLong("close");
        long change = close - last.get(1).getLong("close");

        given().get("/stocks/" + ticker).then().statusCode(200)
                .body("ticker", equalTo(ticker))
                .body("name", equalTo(listing.getString("name")))
                .body("market", equalTo(listing.getString("market")))
                .body("$", hasKey("sector")).body("sector", nullValue())
                .body("current_price", equalTo((int) close))
                .body("price_change", equalTo((int) change))
                .body("price_change_pct", equalTo((float) (Math.round(change * 10_000.0 / last.get(1).getLong("close")) / 100.0)))
                .body("volume", equalTo(last.get(0).getLong("volume").intValue()))
                .body("updated_at", equalTo(LAST_DAY + "T15:30:00"));
    }

    @Test
    void anUnknownTickerIs404AndAMalformedOne400NamingIt() {
        given().get("/stocks/000009").then().statusCode(404).body("error", equalTo("unknown_ticker"));
        given().get("/stocks/000009/chart").then().statusCode(404).body("error", equalTo("unknown_ticker"));
        given().get("/stocks/000009/flow").then().statusCode(404).body("error", equalTo("unknown_ticker"));
        given().get("/stocks/000009/signals").then().statusCode(404).body("error", equalTo("unknown_ticker"));
        given().get("/stocks/12345678").then().statusCode(400).body("violations[0].field", equalTo("ticker"));
    }

    @Test
    void aChartListsThePeriodsBarsOldestFirst() {
        String ticker = SampleMarket.planted.get(1);
        List<Row> stored = rows("SELECT trade_date, open, high, low, close, volume FROM daily_bars WHERE ticker = $1"
                + " AND NOT halted AND trade_date > $2 ORDER BY trade_date", Tuple.of(ticker, LAST_DAY.minusMonths(1)));

        JsonPath chart = given().get("/stocks/" + ticker + "/chart?period=1mo").then().statusCode(200)
                .body("ticker", equalTo(ticker)).body("period", equalTo("1mo"))
                .body("total_points", equalTo(stored.size())).extract().jsonPath();
        for (int i = 0; i < stored.size(); i++) {
            Row r = stored.get(i);
            assertEquals(Map.of("date", r.getLocalDate("trade_date").toString(), "open", r.getInteger("open"),
                    "high", r.getInteger("high"), "low", r.getInteger("low"), "close", r.getInteger("close"),
                    "volume", r.getLong("volume").intValue()), chart.getMap("data[" + i + "]"));
        }
        int threeMonths = given().get("/stocks/" + ticker + "/chart").then().statusCode(200)
                .body("period", equalTo("3mo")).extract().path("total_points");
        assertTrue(threeMonths > stored.size() * 2, threeMonths + " bars in 3 months, " + stored.size() + " in one");

        given().get("/stocks/" + ticker + "/chart?period=2y").then().statusCode(400)
                .body("violations[0].field", equalTo("period"));
    }

    @Test
    void flowsListTheImportedAmountsWithSharesAtTheCloseAndScores() {
        String ticker = quietTicker(0);
        List<LocalDate> days = rows("SELECT trade_date FROM daily_bars WHERE ticker = $1 AND NOT halted"
                + " ORDER BY trade_date DESC LIMIT 6", Tuple.of(ticker)).stream().map(r -> r.getLocalDate("trade_date"))
                .sorted().toList();
        StringBuilder csv = new StringBuilder(String.join(",", MarketDataFiles.FLOW_HEADER) + "\n");
        long[] foreign = {-4_000_000_000L, 1_000_000_000L, 2_000_000_000L, 0, 3_000_000_000L, 500_000_000L};
        long[] institutions = {1_000_000_000L, -1_000_000_000L, 2_000_000_000L, 0, -1_000_000_000L, 500_000_000L};
        for (int i = 0; i < days.size(); i++) {
            csv.append(days.get(i)).append(',').append(institutions[i]).append(",0,0,").append(foreign[i]).append(",0\n");
        }
        given().contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/market-data/flows/" + ticker)
                .then().statusCode(200);

        JsonPath flow = given().get("/stocks/" + ticker + "/flow?days=5").then().statusCode(200)
                .body("ticker", equalTo(ticker)).body("period_days", equalTo(5)).body("total_points", equalTo(5))
                .extract().jsonPath();
        long close = rows("SELECT close FROM daily_bars WHERE ticker = $1 AND trade_date = $2",
                Tuple.of(ticker, days.get(5))).get(0).getLong("close");
        assertEquals(days.get(1).toString(), flow.getString("data[0].date"));
        assertEquals(days.get(5).toString(), flow.getString("data[4].date"));
        assertEquals(500_000_000L, flow.getLong("data[4].foreign_net_amount"));
        assertEquals(500_000_000L, flow.getLong("data[4].inst_net_amount"));
        assertEquals(Math.round(500_000_000.0 / close), flow.getLong("data[4].foreign_net"));
        assertEquals(100.0, flow.getDouble("data[4].supply_demand_score")); // both bought
        assertEquals(50.0, flow.getDouble("data[2].supply_demand_score")); // neither traded
        assertEquals(50.0, flow.getDouble("data[0].supply_demand_score")); // one bought what the other sold
        // Net 7,000억 of 11,000억 traded over the five days: 50 + 50 x 7/11.
        assertEquals(81.8, flow.getDouble("smartmoney_score"), 1e-6);

        given().get("/stocks/" + ticker + "/flow?days=4").then().statusCode(400).body("violations[0].field", equalTo("days"));
        given().get("/stocks/" + ticker + "/flow?days=many").then().statusCode(400).body("violations[0].field", equalTo("days"));
        given().get("/stocks/" + quietTicker(1) + "/flow").then().statusCode(200)
                .body("data.size()", equalTo(0)).body("$", hasKey("smartmoney_score")).body("smartmoney_score", nullValue());
    }

    @Test
    void aTickBecomesTheStocksPriceAndIsPublishedToThePriceTopic() throws Exception {
        String ticker = quietTicker(2);
        long lastClose = rows("SELECT close FROM daily_bars WHERE ticker = $1 AND NOT halted ORDER BY trade_date DESC"
                + " LIMIT 1", Tuple.of(ticker)).get(0).getLong("close");
        LocalDate nextDay = LAST_DAY.plusDays(1); // a Wednesday
        assertEquals(DayOfWeek.WEDNESDAY, nextDay.getDayOfWeek());
        long price = lastClose + 1_000;

        given().contentType("application/json").body("{\"ticks\": [{\"ticker\": \"" + ticker + "\", \"time\": \""
                        + nextDay + "T10:15:03\", \"price\": " + price + ", \"volume\": 123456}]}")
                .post("/market-data/ticks").then().statusCode(200).body("accepted", equalTo(1)).body("tickers", equalTo(1));

        double rate = Math.round(1_000 * 10_000.0 / lastClose) / 100.0;
        given().get("/stocks/" + ticker).then().statusCode(200)
                .body("current_price", equalTo((int) price)).body("price_change", equalTo(1_000))
                .body("price_change_pct", equalTo((float) rate)).body("volume", equalTo(123456))
                .body("updated_at", equalTo(nextDay + "T10:15:03"));
        given().get("/prices?tickers=" + ticker + "," + SampleMarket.planted.get(0) + ",000009").then().statusCode(200)
                .body("prices." + ticker + ".price", equalTo((int) price))
                .body("prices." + ticker + ".change_rate", equalTo((float) rate))
                .body("prices." + ticker + ".timestamp", equalTo(nextDay + "T10:15:03.000000"))
                .body("prices." + SampleMarket.planted.get(0) + ".timestamp", equalTo(LAST_DAY + "T15:30:00.000000"))
                .body("prices", org.hamcrest.Matchers.not(hasKey("000009")));

        List<ConsumerRecord<String, String>> records = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_PRICES,
                Duration.ofSeconds(20), KafkaTopics.anyValueContains(nextDay + "T10:15:03"));
        ConsumerRecord<String, String> record = records.stream().filter(r -> r.value().contains(nextDay + "T10:15:03"))
                .findFirst().orElseThrow();
        assertEquals(ticker, record.key());
        PriceTicked tick = Json.MAPPER.readValue(record.value(), PriceTicked.class);
        assertEquals(PriceTicked.of(ticker, price, 1_000, rate, 123_456, nextDay.atTime(10, 15, 3)), tick);
    }

    @Test
    void aBatchWithABadTickIsRefusedNamingEachOneAndNothingIsTaken() {
        String ticker = quietTicker(3);
        String before = given().get("/stocks/" + ticker).then().statusCode(200).extract().body().asString();
        long ticksBefore = rows("SELECT count(*) AS n FROM price_ticks", Tuple.tuple()).get(0).getLong("n");

        given().contentType("application/json").body("{\"ticks\": ["
                        + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-18T10:00:00\", \"price\": 5000, \"volume\": 1},"
                        + "{\"ticker\": \"000009\", \"time\": \"2025-06-18T10:00:00\", \"price\": 5000, \"volume\": 1},"
                        + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-18T10:00:01\", \"price\": -5, \"volume\": 1},"
                        + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-21T10:00:00\", \"price\": 5000, \"volume\": 1}]}")
                .post("/market-data/ticks").then().statusCode(400)
                .body("violations.field", equalTo(List.of("ticks[2].price")));
        given().contentType("application/json").body("{\"ticks\": ["
                        + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-18T10:00:00\", \"price\": 5000, \"volume\": 1},"
                        + "{\"ticker\": \"000009\", \"time\": \"2025-06-18T10:00:00\", \"price\": 5000, \"volume\": 1},"
                        + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-21T10:00:00\", \"price\": 5000, \"volume\": 1},"
                        + "{\"ticker\": \"" + ticker + "\", \"time\": \"2025-06-16T10:00:00\", \"price\": 5000, \"volume\": 1}]}")
                .post("/market-data/ticks").then().statusCode(400)
                .body("error", equalTo("invalid_ticks"))
                .body("violations.field", equalTo(List.of("ticks[1].ticker", "ticks[2].time", "ticks[3].time")));

        assertEquals(before, given().get("/stocks/" + ticker).then().statusCode(200).extract().body().asString());
        assertEquals(ticksBefore, rows("SELECT count(*) AS n FROM price_ticks", Tuple.tuple()).get(0).getLong("n"));
    }

    @Test
    void theSignalsListsAreTheNewestScanPricedAtTheLatestPrice() {
        given().contentType("application/json").body("{\"market\": \"ALL\", \"top_n\": 30, \"min_score\": 0}")
                .post("/scan").then().statusCode(200);
        List<Row> stored = rows("""
                SELECT ticker, score, market FROM signals s
                WHERE signal_date = (SELECT max(signal_date) FROM signals x WHERE x.market = s.market)
                ORDER BY score DESC, ticker""", Tuple.tuple());

        JsonPath all = given().get("/signals?limit=100").then().statusCode(200).extract().jsonPath();
        assertEquals(stored.stream().map(r -> r.getString("ticker")).toList(), all.getList("ticker"));
        assertEquals(stored.stream().map(r -> r.getInteger("score")).toList(), all.getList("score"));
        given().get("/signals").then().statusCode(200).body("size()", equalTo(Math.min(20, stored.size())));

        List<String> kospi = stored.stream().filter(r -> r.getString("market").equals("KOSPI")).map(r -> r.getString("ticker"))
                .limit(5).toList();
        JsonPath vcp = given().get("/signals/vcp?market=kospi&limit=5").then().statusCode(200)
                .body("count", equalTo(kospi.size())).extract().jsonPath();
        assertEquals(kospi, vcp.getList("signals.ticker"));
        assertEquals(List.of("KOSPI"), vcp.getList("signals.market").stream().distinct().toList());
        assertEquals(LAST_DAY.toString(), vcp.getString("signals[0].signal_date"));
        assertEquals(vcp.getString("signals[0].created_at"), vcp.getString("generated_at"));
        String first = kospi.get(0);
        assertEquals(given().get("/stocks/" + first).path("current_price").toString(),
                vcp.getString("signals[0].current_price"));

        given().get("/signals/vcp?limit=51").then().statusCode(400).body("violations[0].field", equalTo("limit"));
        given().get("/signals?limit=0").then().statusCode(400).body("violations[0].field", equalTo("limit"));
        given().get("/signals/vcp?market=NYSE").then().statusCode(400).body("violations[0].field", equalTo("market"));
    }

    @Test
    void theScanStatusIsTheLastFinishedScan() {
        given().contentType("application/json").body("{\"market\": \"KOSDAQ\", \"top_n\": 5, \"min_score\": 0}")
                .post("/scan").then().statusCode(200);
        Row last = rows("SELECT market, signal_count, finished_at AT TIME ZONE 'Asia/Seoul' AS at FROM scans"
                + " WHERE status <> 'RUNNING' ORDER BY finished_at DESC LIMIT 1", Tuple.tuple()).get(0);

        given().get("/scans/status").then().statusCode(200)
                .body("vcp_scan_status", equalTo("completed"))
                .body("signal_generation_status", equalTo("completed"))
                .body("last_vcp_scan", equalTo(last.getLocalDateTime("at").withNano(0).toString()))
                .body("current_operation", equalTo("VCP 스캔 완료: KOSDAQ, 신호 " + last.getInteger("signal_count") + "개"))
                .body("progress_percentage", equalTo(100));
    }

    @Test
    void aStocksSignalHistoryFollowsEachSignalAndTheKpiCountsOnlyClosedTrades() {
        String ticker = SampleMarket.planted.get(0);
        given().contentType("application/json").body("{\"market\": \"ALL\", \"top_n\": 100, \"min_score\": 0}")
                .post("/scan").then().statusCode(200);
        long stored = rows("SELECT count(*) AS n FROM signals WHERE ticker = $1", Tuple.of(ticker)).get(0).getLong("n");
        Row signal = rows("SELECT id, entry_price, score FROM signals WHERE ticker = $1 AND signal_date = $2",
                Tuple.of(ticker, LAST_DAY)).get(0);

        // No bar after the signal day: the buy stop waits, nothing is closed.
        given().get("/stocks/" + ticker + "/signals?limit=1").then().statusCode(200)
                .body("ticker", equalTo(ticker))
                .body("total_signals", equalTo((int) stored))
                .body("open_signals", equalTo((int) stored)).body("closed_signals", equalTo(0))
                .body("$", hasKey("win_rate")).body("win_rate", nullValue()).body("avg_return_pct", nullValue())
                .body("signals.size()", equalTo(1))
                .body("signals[0].id", equalTo(signal.getLong("id").intValue()))
                .body("signals[0].signal_type", equalTo("VCP"))
                .body("signals[0].signal_date", equalTo(LAST_DAY.toString()))
                .body("signals[0].status", equalTo("OPEN")).body("signals[0].state", equalTo("PENDING"))
                .body("signals[0].score", equalTo(signal.getInteger("score")))
                .body("signals[0].entry_price", equalTo(signal.getLong("entry_price").intValue()))
                .body("signals[0].exit_price", nullValue()).body("signals[0].exit_reason", nullValue());
        given().get("/stocks/" + ticker + "/signals?limit=101").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));

        given().get("/backtest-kpi").then().statusCode(200)
                .body("vcp.strategy", equalTo("VCP")).body("vcp.status", equalTo("No Data")).body("vcp.count", equalTo(0))
                .body("vcp", hasKey("win_rate")).body("vcp.win_rate", nullValue())
                .body("closing_bet.status", equalTo("No Data"));

        // A signal stored 50 trading days ago, as a scan of that day would have: its buy stop sits inside the next
        // day's range, its stop and target out of reach, so it is bought the next day and sold after 40 days at the close.
        List<Row> bars = rows("SELECT * FROM (SELECT trade_date, open, high, low, close FROM daily_bars WHERE ticker = $1"
                + " AND NOT halted ORDER BY trade_date DESC LIMIT 51) t ORDER BY trade_date", Tuple.of(ticker));
        Row day = bars.get(0);
        Row next = bars.get(1);
        long entry = next.getLong("low") + (next.getLong("high") - next.getLong("low")) / 2;
        execute("INSERT INTO signals (scan_id, signal_date, ticker, market, name, signal_type, score, grade, entry_price,"
                + " target_price, stop_loss, position_size, reasons, created_at) SELECT id, $2, $1, 'KOSPI', '과거', 'VCP', 8, 'A',"
                + " $3, 1000000000, 1, 10, '{}', now() FROM scans LIMIT 1", Tuple.of(ticker, day.getLocalDate("trade_date"), entry));

        JsonPath history = given().get("/stocks/" + ticker + "/signals").then().statusCode(200)
                .body("total_signals", equalTo((int) stored + 1)).body("closed_signals", equalTo(1))
                .extract().jsonPath();
        Map<String, Object> followed = history.getMap("signals[1]");
        assertEquals(day.getLocalDate("trade_date").toString(), followed.get("signal_date"));
        assertEquals("CLOSED", followed.get("status"));
        assertEquals("CLOSED", followed.get("state"));
        assertEquals("time", followed.get("exit_reason"));
        assertEquals(next.getLocalDate("trade_date").toString(), followed.get("entry_time"));
        assertEquals(Math.max(next.getLong("open"), entry), ((Number) followed.get("entry_price")).longValue());
        Row fortieth = bars.get(40);
        assertEquals(fortieth.getLocalDate("trade_date").toString(), followed.get("exit_time"));
        assertEquals(fortieth.getLong("close"), ((Number) followed.get("exit_price")).longValue());
        double ret = ((Number) followed.get("return_pct")).doubleValue();
        assertEquals(ret, history.getDouble("avg_return_pct"), 1e-6);
        assertEquals(ret > 0 ? 100.0 : 0.0, history.getDouble("win_rate"), 1e-6);

        given().get("/backtest-kpi").then().statusCode(200)
                .body("vcp.status", equalTo("Accumulating")).body("vcp.count", equalTo(1))
                .body("vcp.avg_return", equalTo((float) ret))
                .body("vcp.win_rate", equalTo(ret > 0 ? 100.0f : 0.0f));
    }

    @Test
    void theMarketGateIsServedAndEveryScanIsTakenAndPublishedUnderIt() throws Exception {
        JsonPath gate = given().get("/market-gate").then().statusCode(200)
                .body("$", hasKey("kospi_close")).body("kosdaq_close", nullValue()).body("kosdaq_change_pct", nullValue())
                .body("sectors.size()", equalTo(0))
                .body("as_of", equalTo(LAST_DAY.toString()))
                .extract().jsonPath();
        int kospiStocks = gate.getInt("breadth.KOSPI.stocks");
        int kosdaqStocks = gate.getInt("breadth.KOSDAQ.stocks");
        int level = gate.getInt("level");
        assertTrue(kospiStocks > 0 && kosdaqStocks > 0, gate.prettify());
        // Both markets together weigh each market's level by its stocks.
        double weighted = (gate.getDouble("breadth.KOSPI.level") * kospiStocks
                + gate.getDouble("breadth.KOSDAQ.level") * kosdaqStocks) / (kospiStocks + kosdaqStocks);
        assertEquals(weighted, level, 1.0);
        String status = level >= 60 ? "GREEN" : level >= 40 ? "YELLOW" : "RED";
        assertEquals(status, gate.getString("status"));
        assertEquals(gate.getString("breadth.KOSPI.status"), gate.getString("kospi_status"));
        assertEquals(gate.getString("breadth.KOSDAQ.status"), gate.getString("kosdaq_status"));
        long above50 = rows("""
                SELECT count(*) FILTER (WHERE close > avg50) AS above, count(*) AS n FROM (
                  SELECT b.ticker, b.trade_date, b.close, count(*) OVER w AS bars,
                         avg(b.close) OVER (PARTITION BY b.ticker ORDER BY b.trade_date ROWS 49 PRECEDING) AS avg50
                  FROM daily_bars b JOIN stocks s ON s.ticker = b.ticker
                  WHERE NOT b.halted AND s.market = 'KOSPI' AND b.trade_date <= $1 AND b.trade_date > $1 - 480
                  WINDOW w AS (PARTITION BY b.ticker ORDER BY b.trade_date)) t
                WHERE trade_date = $1 AND bars >= 200""", Tuple.of(LAST_DAY)).get(0).getLong("above");
        assertEquals(kospiStocks, rows("""
                SELECT count(*) AS n FROM (SELECT b.ticker, count(*) AS bars, max(b.trade_date) AS last
                  FROM daily_bars b JOIN stocks s ON s.ticker = b.ticker
                  WHERE NOT b.halted AND s.market = 'KOSPI' AND b.trade_date <= $1 AND b.trade_date > $1 - 480
                  GROUP BY b.ticker) t WHERE last = $1 AND bars >= 200""", Tuple.of(LAST_DAY)).get(0).getLong("n"));
        assertEquals((double) above50 / kospiStocks, gate.getDouble("breadth.KOSPI.above_50d"), 1e-4);

        JsonPath scan = given().contentType("application/json").body("{\"market\": \"ALL\", \"top_n\": 10, \"min_score\": 0}")
                .post("/scan").then().statusCode(200)
                .body("market_gate.status", equalTo(status)).body("market_gate.level", equalTo(level))
                .extract().jsonPath();
        for (List<String> reasons : scan.<List<String>>getList("signals.reasons")) {
            assertEquals("시장 " + status, reasons.get(reasons.size() - 1));
        }
        String scanId = scan.getString("scan_id");
        var records = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_SIGNALS, Duration.ofSeconds(20),
                KafkaTopics.anyValueContains(scanId));
        assertTrue(records.stream().anyMatch(r -> r.value().contains(scanId)));
        var market = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_MARKET, Duration.ofSeconds(20),
                KafkaTopics.anyValueContains("market_gate_changed"));
        var published = Json.MAPPER.readValue(market.get(market.size() - 1).value(),
                kr.vcp.model.MarketStateChanged.class);
        assertEquals(Topics.WS_MARKET_GATE, market.get(market.size() - 1).key());
        var changed = (kr.vcp.model.MarketStateChanged.MarketGateChanged) published;
        assertEquals(status, changed.status());
        assertEquals(level, changed.level());
    }

    @Test
    void importedIndexLevelsAreAnIndexUpdateAndTheGateWeighsTheIndexTrend() throws Exception {
        JsonPath before = given().get("/market-gate").then().statusCode(200).extract().jsonPath();
        StringBuilder csv = new StringBuilder("날짜,시가,고가,저가,종가,거래량,등락률\n");
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LAST_DAY; days.size() < 220; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, d);
            }
        }
        for (int i = 0; i < days.size(); i++) {
            double close = 2400.25 + i; // a steady rise: above its 50- and its 200-day average
            csv.append(days.get(i)).append(',').append(close - 0.5).append(',').append(close + 3).append(',')
                    .append(close - 3).append(',').append(close).append(",400000000,0.04\n");
        }

        given().contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/market-data/indices/kospi")
                .then().statusCode(200).body("rows", equalTo(220)).body("changed", equalTo(220));
        given().contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/market-data/indices/KOSPI")
                .then().statusCode(200).body("changed", equalTo(0));

        double last = 2400.25 + 219;
        JsonPath after = given().get("/market-gate").then().statusCode(200)
                .body("kospi_close", equalTo((float) last))
                .body("kospi_change_pct", equalTo((float) (Math.round(1 / (last - 1) * 10_000) / 100.0)))
                .body("kosdaq_close", nullValue())
                .extract().jsonPath();
        int kospi = (int) Math.round(0.8 * before.getInt("breadth.KOSPI.level") + 20);
        assertEquals(kospi, after.getInt("breadth.KOSPI.level"));
        assertEquals(before.getInt("breadth.KOSDAQ.level"), after.getInt("breadth.KOSDAQ.level"));
        int n = after.getInt("breadth.KOSPI.stocks");
        int m = after.getInt("breadth.KOSDAQ.stocks");
        assertEquals(Math.round((kospi * (double) n + after.getInt("breadth.KOSDAQ.level") * m) / (n + m)),
                after.getInt("level"));

        var records = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_MARKET, Duration.ofSeconds(20),
                KafkaTopics.anyValueContains("index_updated"));
        var record = records.stream().filter(r -> r.value().contains("index_updated")).findFirst().orElseThrow();
        assertEquals(Topics.WS_MARKET_KOSPI, record.key());
        var index = (kr.vcp.model.MarketStateChanged.IndexUpdated) Json.MAPPER.readValue(record.value(),
                kr.vcp.model.MarketStateChanged.class);
        assertEquals("001", index.code());
        assertEquals("KOSPI", index.name());
        assertEquals(last, index.index(), 1e-9);
        assertEquals(1.0, index.change(), 1e-9);
        assertEquals(400_000_000L, index.volume());
        assertEquals(LAST_DAY.atTime(15, 30), index.at());

        given().contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/market-data/indices/NIKKEI")
                .then().statusCode(400).body("violations[0].field", equalTo("market"));
        given().contentType("text/csv; charset=UTF-8").body("date,close\n2025-06-17,1\n").post("/market-data/indices/KOSDAQ")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("날짜,시가"));
    }

    private void execute(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    private List<Row> rows(String sql, Tuple args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }
}
