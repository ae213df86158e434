package kr.vcp.scanner.scan;

import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.SyntheticDataset;
import io.quarkus.test.junit.TestProfile;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ScanResourceTest {

    /** The last trading day of the sample. */
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 17);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void loadMarket() {
        SampleMarket.loadSynthetic();
    }

    @Test
    void scanStoresSignalsAndPublishesTheSameSignalsToKafka() throws Exception {
        ExtractableResponse<Response> response = given().contentType(ContentType.JSON)
                .body("{\"market\": \"ALL\", \"top_n\": 5, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract();

        UUID scanId = UUID.fromString(response.path("scan_id"));
        List<Signal> returned = List.of(Json.MAPPER.readValue(response.body().asString(), ScanBody.class).signals());
        assertEquals("SUCCEEDED", response.path("status"));
        assertEquals(LAST_DAY.toString(), response.path("signal_date"));
        assertEquals(5, returned.size());
        assertEquals(5, (int) response.path("counts.signals"));
        long withRecentBars = rows("""
                SELECT DISTINCT b.ticker FROM daily_bars b JOIN stocks s ON s.ticker = b.ticker
                WHERE NOT b.halted AND b.trade_date <= $1 AND b.trade_date > $1 - 480""", Tuple.of(LAST_DAY)).size();
        assertEquals(withRecentBars, (long) (int) response.path("counts.universe"));
        // Preferred shares, SPACs, funds, short histories and illiquid names are never analysed.
        assertTrue((int) response.path("counts.analysed") < (int) response.path("counts.universe"));
        assertFalse(returned.stream().anyMatch(s -> s.ticker().endsWith("5")));

        assertEquals(byTicker(returned), byTicker(storedSignals(scanId)));

        List<ConsumerRecord<String, String>> records = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_SIGNALS,
                Duration.ofSeconds(20), KafkaTopics.anyValueContains(scanId.toString()));
        SignalsScanned event = records.stream().map(r -> read(r.value()))
                .filter(e -> e.scanId().equals(scanId)).findFirst().orElseThrow();
        assertEquals(Topics.SIGNALS_KEY, records.stream().filter(r -> r.value().contains(scanId.toString()))
                .findFirst().orElseThrow().key());
        assertEquals(byTicker(returned), byTicker(event.signals()));
        assertEquals("ALL", event.market());
        assertEquals(LAST_DAY, event.signalDate());
        assertEquals(List.of(Market.KOSPI, Market.KOSDAQ), event.results().stream().map(r -> r.market()).toList());
        assertEquals(UUID.fromString(response.path("event_id")), event.eventId());
    }

    @Test
    void signalsAreRankedAndCarryAPlanOnTheTickGrid() throws Exception {
        String body = given().contentType(ContentType.JSON).body("{\"market\": \"KOSPI\", \"top_n\": 10, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract().body().asString();
        Signal[] signals = Json.MAPPER.readValue(body, ScanBody.class).signals();

        assertTrue(signals.length > 0);
        for (int i = 0; i < signals.length; i++) {
            Signal s = signals[i];
            if (i > 0) {
                Signal before = signals[i - 1];
                assertTrue(before.grade().compareTo(s.grade()) < 0
                        || before.grade() == s.grade() && before.score() >= s.score(), "ranked by grade, then score");
            }
            assertTrue(s.stopLoss() < s.entryPrice() && s.entryPrice() < s.targetPrice(), s.toString());
            assertTrue(s.stopLoss() >= s.entryPrice() * 0.92, "stop within 8%: " + s);
            assertTrue(kr.vcp.scanner.analysis.TickGrid.isOnGrid(s.entryPrice()), s.toString());
            assertTrue(kr.vcp.scanner.analysis.TickGrid.isOnGrid(s.stopLoss()), s.toString());
            assertTrue(kr.vcp.scanner.analysis.TickGrid.isOnGrid(s.targetPrice()), s.toString());
            assertTrue(s.positionSize() > 0);
        }
    }

    @Test
    void rescanOfTheSameDayReplacesThatMarketsSignals() {
        given().contentType(ContentType.JSON).body("{\"market\": \"KOSPI\", \"top_n\": 4, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).body("signals.size()", equalTo(4));
        String second = given().contentType(ContentType.JSON).body("{\"market\": \"KOSPI\", \"top_n\": 2, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract().path("scan_id");

        List<Row> rows = rows("SELECT scan_id FROM signals WHERE signal_date = $1 AND market = 'KOSPI'",
                Tuple.of(LAST_DAY));
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.getUUID("scan_id").toString().equals(second)));
    }

    @Test
    void theEventGoesThroughTheOutboxAndIsMarkedPublishedOnceAcknowledged() {
        String eventId = given().contentType(ContentType.JSON).body("{\"market\": \"KOSDAQ\", \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract().path("event_id");

        Row row = null;
        for (int i = 0; i < 100 && (row == null || row.getValue("published_at") == null); i++) {
            List<Row> rows = rows("SELECT published_at, topic, record_key FROM outbox WHERE event_id = $1",
                    Tuple.of(UUID.fromString(eventId)));
            row = rows.isEmpty() ? null : rows.get(0);
            sleep(100);
        }
        assertTrue(row != null && row.getValue("published_at") != null, "published_at set after the broker's ack");
        assertEquals(Topics.KAFKA_SIGNALS, row.getString("topic"));
        assertEquals(Topics.SIGNALS_KEY, row.getString("record_key"));
    }

    @ParameterizedTest(name = "{0} running, {1} requested: {2}")
    @CsvSource({"KOSPI, KOSPI, 409", "ALL, KOSDAQ, 409", "KOSDAQ, ALL, 409", "KOSPI, KOSDAQ, 200"})
    void aScanOfAMarketThatARunningScanCoversIsAConflict(String running, String requested, int status) {
        UUID other = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO scans (id, trigger, market, top_n, min_score, status, started_at, owner, lease_until)
                VALUES ($1, 'MANUAL', $2, 5, 7, 'RUNNING', now(), 'other@replica', now() + interval '1 minute')""")
                .execute(Tuple.of(other, running))
                .await().atMost(Duration.ofSeconds(5));
        try {
            var response = given().contentType(ContentType.JSON).body("{\"market\": \"" + requested + "\"}")
                    .post("/scan").then().statusCode(status);
            if (status == 409) {
                response.body("error", equalTo("scan_running")).body("message", containsString(other.toString()));
            }
        } finally {
            pool.preparedQuery("DELETE FROM scans WHERE id = $1").execute(Tuple.of(other))
                    .await().atMost(Duration.ofSeconds(5));
        }
    }

    @Test
    void aScanWhoseReplicaStoppedRenewingItsLeaseBlocksNothingAndIsMarkedFailed() {
        UUID dead = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO scans (id, trigger, market, top_n, min_score, status, started_at, owner, lease_until)
                VALUES ($1, 'MANUAL', 'ALL', 5, 7, 'RUNNING', now() - interval '3 seconds', '4242@dead-replica',
                        now() - interval '1 second')""").execute(Tuple.of(dead))
                .await().atMost(Duration.ofSeconds(5));
        try {
            given().contentType(ContentType.JSON).body("{\"market\": \"KOSPI\"}").post("/scan").then().statusCode(200);
            Row row = null;
            for (int i = 0; i < 100; i++) {
                row = rows("SELECT status, error, finished_at FROM scans WHERE id = $1", Tuple.of(dead)).get(0);
                if (!row.getString("status").equals("RUNNING")) {
                    break;
                }
                sleep(100);
            }
            assertEquals("FAILED", row.getString("status"), "marked by the next lease renewal (every 2 s)");
            assertTrue(row.getString("error").contains("4242@dead-replica") && row.getString("error").contains("lease"),
                    row.getString("error"));
            assertTrue(row.getValue("finished_at") != null);
        } finally {
            pool.preparedQuery("DELETE FROM scans WHERE id = $1").execute(Tuple.of(dead))
                    .await().atMost(Duration.ofSeconds(5));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aScanOfTheGeneratedMarketFindsItsPlantedSetups() {
        List<String> found = given().contentType(ContentType.JSON).body("{\"top_n\": 100, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract().path("signals.ticker");

        long hits = SampleMarket.planted.stream().filter(found::contains).count();
        System.out.printf("Scan of the generated market: %d planted, %d found of them, %d signals%n",
                SampleMarket.planted.size(), hits, found.size());
        assertTrue(SampleMarket.planted.size() >= 15, "planted " + SampleMarket.planted.size());
        assertTrue(hits >= SampleMarket.planted.size() * 0.9, hits + " of " + SampleMarket.planted);
        assertEquals((long) SampleMarket.planted.size(), rows("SELECT ticker FROM synthetic_setups WHERE seed = $1",
                Tuple.of(SampleMarket.SEED)).size());
    }

    @Test
    void aMinimumGradeKeepsThatGradeAndBetter() {
        List<String> all = given().contentType(ContentType.JSON).body("{\"top_n\": 100, \"min_score\": 0}")
                .post("/scan").then().statusCode(200).extract().path("signals.grade");
        List<String> onlyA = given().contentType(ContentType.JSON)
                .body("{\"top_n\": 100, \"min_score\": 0, \"min_grade\": \"a\"}")
                .post("/scan").then().statusCode(200).extract().path("signals.grade");
        assertTrue(all.contains("A") && all.contains("B"), "the generated market has both: " + all);
        assertEquals(all.stream().filter("A"::equals).count(), (long) onlyA.size());
        assertTrue(onlyA.stream().allMatch("A"::equals), onlyA.toString());
        given().contentType(ContentType.JSON).body("{\"min_grade\": \"X\"}").post("/scan").then().statusCode(400)
                .body("violations[0].field", equalTo("min_grade"));
    }

    @Test
    void omittedFieldsTakeTheDefaults() {
        given().contentType(ContentType.JSON).body("{}").post("/scan").then().statusCode(200)
                .body("market", equalTo("ALL")).body("top_n", equalTo(20)).body("min_score", equalTo(7));
    }

    @Test
    void scanAsOfADayWithoutBarsIsUnprocessableAndStoresNothing() {
        long before = count("signals");
        long scansBefore = count("scans");
        given().contentType(ContentType.JSON).body("{\"market\": \"KOSDAQ\", \"as_of\": \"1999-01-04\"}")
                .post("/scan").then().statusCode(422).contentType(ContentType.JSON)
                .body("error", equalTo("no_market_data")).body("message", containsString("KOSDAQ"));
        assertEquals(before, count("signals"));
        assertEquals(scansBefore, count("scans"), "not even a FAILED scan");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown market      | {"market": "NYSE"}                   | invalid_request | market
            top_n zero          | {"top_n": 0}                         | invalid_request | top_n
            top_n over 100      | {"top_n": 101}                       | invalid_request | top_n
            negative top_n      | {"top_n": -5}                        | invalid_request | top_n
            min_score over 10   | {"min_score": 11}                    | invalid_request | min_score
            top_n as a string   | {"top_n": "5"}                       | invalid_request | top_n
            top_n as a fraction | {"top_n": 5.5}                       | invalid_request | top_n
            market as a number  | {"market": 1}                        | invalid_request | market
            as_of not a date    | {"as_of": "17/06/2025"}              | invalid_request | as_of
            as_of in the future | {"as_of": "2999-01-04"}               | invalid_request | as_of
            as_of year 999999999 | {"as_of": "+999999999-12-31"}      | invalid_request | as_of
            unknown field       | {"market": "KOSPI", "topN": 5}       | invalid_request | topN
            malformed JSON      | {"market": "KOSPI",                  | malformed_json  | body
            not an object       | [1, 2, 3]                            | invalid_request | body
            """)
    void rejectsABadRequestNamingTheFieldAndStoresNothing(String label, String body, String error, String field) {
        long scans = count("scans");
        long signals = count("signals");

        given().contentType(ContentType.JSON).body(body).post("/scan").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("violations.field", hasItem(field))
                .body("message", containsString(field));

        assertEquals(scans, count("scans"));
        assertEquals(signals, count("signals"));
    }

    @Test
    void aScanSentAsAFormOrTextIsRefusedWith415AndStoresNothing() {
        long scans = count("scans");
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain")) {
            given().contentType(type).body("{\"market\": \"ALL\"}").post("/scan").then()
                    .statusCode(415).contentType(ContentType.JSON).body("error", equalTo("unsupported_media_type"));
        }
        assertEquals(scans, count("scans"));
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        given().contentType(ContentType.JSON).body("{\"market\": \"NYSE\", \"top_n\": 0, \"min_score\": -1}")
                .post("/scan").then().statusCode(400)
                .body("violations.field", equalTo(List.of("market", "top_n", "min_score")));
    }

    /** Just the part of the response these tests read as contract signals. */
    record ScanBody(@com.fasterxml.jackson.annotation.JsonProperty("signals") Signal[] signals) {
    }

    private List<Signal> storedSignals(UUID scanId) {
        List<Signal> signals = new ArrayList<>();
        for (Row r : rows("""
                SELECT ticker, name, signal_type, score, grade, entry_price, target_price, stop_loss, position_size,
                       reasons, created_at, market, signal_date, current_price, contraction_ratio, foreign_5d, inst_5d
                FROM signals WHERE scan_id = $1 ORDER BY score DESC, ticker""",
                Tuple.of(scanId))) {
            signals.add(new Signal(r.getString("ticker"), r.getString("name"),
                    kr.vcp.model.SignalType.valueOf(r.getString("signal_type")), r.getInteger("score"),
                    kr.vcp.model.Grade.valueOf(r.getString("grade")), r.getLong("entry_price"),
                    r.getLong("target_price"), r.getLong("stop_loss"), r.getLong("position_size"),
                    List.of(r.getArrayOfStrings("reasons")), r.getLocalDateTime("created_at"),
                    kr.vcp.model.Market.valueOf(r.getString("market")), r.getLocalDate("signal_date"),
                    r.getLong("current_price"), r.getDouble("contraction_ratio"), r.getLong("foreign_5d"),
                    r.getLong("inst_5d")));
        }
        return signals;
    }

    private static List<Signal> byTicker(List<Signal> signals) {
        return signals.stream().sorted(java.util.Comparator.comparing(Signal::ticker)).toList();
    }

    private List<Row> rows(String sql, Tuple args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    private long count(String table) {
        return pool.query("SELECT count(*) AS n FROM " + table).execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("n");
    }

    private static SignalsScanned read(String json) {
        try {
            return Json.MAPPER.readValue(json, SignalsScanned.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
