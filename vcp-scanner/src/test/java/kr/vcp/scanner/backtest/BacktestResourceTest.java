package kr.vcp.scanner.backtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.SyntheticDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class BacktestResourceTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeEach
    void loadMarket() {
        SampleMarket.loadSynthetic();
    }

    /** Starts a backtest and reads it back once done. */
    private static JsonPath run(String body) throws InterruptedException {
        String id = given().contentType("application/json").body(body).post("/backtest").then().statusCode(202)
                .body("status", equalTo("RUNNING")).header("Location", org.hamcrest.Matchers.containsString("/backtests/"))
                .extract().path("backtest_id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonPath read = given().get("/backtests/" + id).then().statusCode(200).extract().jsonPath();
            if (!read.getString("status").equals("RUNNING")) {
                assertEquals("SUCCEEDED", read.getString("status"), read.prettify());
                return read;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("backtest " + id + " still running after 60 s");
    }

    @Test
    void eachDaysTradesAreThatDaysSignalsAsTheEngineSawThemThenAndTheFiguresFollowFromThem() throws Exception {
        JsonPath done = run("{\"from\": \"2025-06-09\", \"to\": \"2025-06-17\", \"market\": \"ALL\", \"min_score\": 7,"
                + " \"top_n\": 5}");

        assertEquals(7, done.getInt("days")); // 9-13 and 16-17 June
        assertEquals(100, done.getInt("progress_pct"));
        assertEquals("2025-06-09", done.getString("request.from"));
        List<Map<String, Object>> trades = done.getList("report.trades");
        assertTrue(trades.size() > 0, "the planted setups are signals on the last days");
        Map<String, Integer> perDay = new java.util.TreeMap<>();
        for (Map<String, Object> t : trades) {
            perDay.merge((String) t.get("signal_date"), 1, Integer::sum);
            // The engine as of that day, with only the bars up to it, made this very signal.
            JsonPath then = given().get("/analysis/" + t.get("ticker") + "?as_of=" + t.get("signal_date")).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(t.get("signal_date"), then.getString("as_of"));
            assertEquals(((Number) t.get("entry_price")).longValue(), then.getLong("signal.entry_price"), t.toString());
            assertEquals(((Number) t.get("stop_loss")).longValue(), then.getLong("signal.stop_loss"));
            assertEquals(((Number) t.get("target_price")).longValue(), then.getLong("signal.target_price"));
            assertEquals(t.get("score"), then.getInt("signal.score"));
            assertTrue((int) t.get("score") >= 7);
            assertEquals(then.getDouble("score.contraction"), ((Number) ((Map<?, ?>) t.get("score_parts"))
                    .get("contraction")).doubleValue(), 1e-9);
        }
        perDay.values().forEach(n -> assertTrue(n <= 5, "top_n per day: " + perDay));

        // The figures, recomputed from the trades listed.
        List<Double> r = new ArrayList<>();
        int triggered = 0;
        for (Map<String, Object> t : trades) {
            triggered += t.get("entry_date") == null ? 0 : 1;
            if ("CLOSED".equals(t.get("state"))) {
                r.add(((Number) t.get("return_r")).doubleValue());
            }
        }
        assertEquals(trades.size(), done.getInt("report.figures.trades"));
        assertEquals(triggered, done.getInt("report.figures.triggered"));
        assertEquals(r.size(), done.getInt("report.figures.closed"));
        if (!r.isEmpty()) {
            assertEquals(Math.round(r.stream().mapToDouble(Double::doubleValue).average().orElseThrow() * 100) / 100.0,
                    done.getDouble("report.figures.avg_r"), 0.011);
            assertEquals(Math.round(100.0 * r.stream().filter(x -> x > 0).count() / r.size() * 100) / 100.0,
                    done.getDouble("report.figures.win_rate"), 0.011);
        }
        int byGrade = done.<String, Map<String, Object>>getMap("report.by_grade").values().stream()
                .mapToInt(f -> (int) f.get("trades")).sum();
        assertEquals(trades.size(), byGrade);
        assertEquals(trades.size(), done.<String, Map<String, Object>>getMap("report.by_score_part.trend").values()
                .stream().mapToInt(f -> (int) f.get("trades")).sum());
    }

    @Test
    void aParameterOverriddenForOneRunChangesItsTradesAndNothingElse() throws Exception {
        String range = "\"from\": \"2025-06-16\", \"to\": \"2025-06-17\", \"min_score\": 7, \"top_n\": 3";
        JsonPath standard = run("{" + range + "}");
        JsonPath wider = run("{" + range + ", \"parameters\": {\"reward_to_risk\": 4}}");

        List<Map<String, Object>> a = standard.getList("report.trades");
        List<Map<String, Object>> b = wider.getList("report.trades");
        assertEquals(a.stream().map(t -> t.get("ticker")).toList(), b.stream().map(t -> t.get("ticker")).toList());
        for (int i = 0; i < a.size(); i++) {
            long entry = ((Number) a.get(i).get("entry_price")).longValue();
            long stop = ((Number) a.get(i).get("stop_loss")).longValue();
            assertEquals(entry, ((Number) b.get(i).get("entry_price")).longValue());
            assertTrue(((Number) b.get(i).get("target_price")).longValue() >= entry + 4 * (entry - stop) - 1000,
                    "4 R: " + b.get(i));
            assertTrue(((Number) b.get(i).get("target_price")).longValue()
                    > ((Number) a.get(i).get("target_price")).longValue());
        }
        // The configured engine is untouched: the analysis of that day still plans the standard target.
        Map<String, Object> first = a.get(0);
        long target = given().get("/analysis/" + first.get("ticker") + "?as_of=" + first.get("signal_date")).then()
                .statusCode(200).extract().jsonPath().getLong("signal.target_price");
        assertEquals(((Number) first.get("target_price")).longValue(), target);
    }

    @Test
    void aBacktestWhoseReplicaStoppedRenewingItsLeaseIsMarkedFailed() throws InterruptedException {
        java.util.UUID dead = java.util.UUID.randomUUID();
        pool.preparedQuery("INSERT INTO backtests (id, status, request, days, started_at, owner, lease_until)"
                        + " VALUES ($1, 'RUNNING', '{}', 10, now() - interval '1 minute', '4245@dead-replica',"
                        + " now() - interval '1 second')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(dead)).await().atMost(Duration.ofSeconds(5));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        JsonPath read = given().get("/backtests/" + dead).then().statusCode(200).extract().jsonPath();
        while (read.getString("status").equals("RUNNING") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            read = given().get("/backtests/" + dead).then().statusCode(200).extract().jsonPath();
        }
        assertEquals("FAILED", read.getString("status"), "marked by the next lease renewal (every 2 s)");
        assertTrue(read.getString("error").contains("4245@dead-replica") && read.getString("error").contains("lease"),
                read.getString("error"));
    }

    @Test
    void badBacktestsAre400NamingWhatIsWrongAndUnknownOnes404() {
        given().contentType("application/json").body("{\"from\": \"2025-06-17\", \"to\": \"2025-06-02\"}")
                .post("/backtest").then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().contentType("application/json").body("{\"from\": \"1999-01-04\", \"to\": \"1999-12-30\"}")
                .post("/backtest").then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().contentType("application/json").body("{\"from\": \"2025-06-02\", \"to\": \"2025-06-17\", \"market\": \"NYSE\"}")
                .post("/backtest").then().statusCode(400).body("violations[0].field", equalTo("market"));
        given().contentType("application/json").body("{\"from\": \"2025-06-02\", \"to\": \"2025-06-17\","
                        + " \"parameters\": {\"luck\": 1}}")
                .post("/backtest").then().statusCode(400).body("violations[0].field", equalTo("parameters.luck"));
        given().contentType("application/json").body("{\"to\": \"2025-06-17\"}")
                .post("/backtest").then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().get("/backtests/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("error", equalTo("unknown_backtest"));
        given().get("/backtests/not-an-id").then().statusCode(400).body("violations[0].field", equalTo("id"));
    }
}
