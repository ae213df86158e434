package kr.vcp.scanner.marketdata;

import kr.vcp.scanner.SampleMarket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.model.Json;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class MarketDataResourceTest {

    private static final String CSV = "text/csv; charset=UTF-8";
    private static final String HEADER = "날짜,시가,고가,저가,종가,거래량,등락률\n";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void importsPykrxBarsWithBomKeepsHaltsAndReimportChangesNothing() {
        given().contentType(CSV).body("ticker,name,market\nQ00010,테스트전자,KOSDAQ\n")
                .post("/market-data/stocks").then().statusCode(200);
        String csv = "\uFEFF" + HEADER
                + "2020-06-16,10000,10500,9900,10400,120000,4.0\n"
                + "2020-06-17,0,0,0,10400,0,0.0\n"
                + "2020-06-18,10400,10800,10300,10700,90000,2.88\n";

        given().contentType(CSV).body(csv).post("/market-data/bars/Q00010").then().statusCode(200)
                .body("rows", equalTo(3)).body("changed", equalTo(3)).body("skipped.size()", equalTo(0));
        given().contentType(CSV).body(csv).post("/market-data/bars/Q00010").then().statusCode(200)
                .body("rows", equalTo(3)).body("changed", equalTo(0));

        Row halt = pool.preparedQuery("SELECT * FROM daily_bars WHERE ticker = $1 AND trade_date = $2")
                .execute(Tuple.of("Q00010", LocalDate.of(2020, 6, 17))).await().atMost(Duration.ofSeconds(5))
                .iterator().next();
        assertEquals(true, halt.getBoolean("halted"));
        assertEquals(null, halt.getInteger("low"));
        assertEquals(10400, halt.getInteger("close"));
    }

    @Test
    void anImportPublishesEachTickersNewLatestCloseAsAPriceTickAndARepeatPublishesNothing() throws Exception {
        given().contentType(CSV).body("ticker,name,market\nP10020,시세전자,KOSPI\nP10030,과거전자,KOSPI\n")
                .post("/market-data/stocks").then().statusCode(200);
        given().contentType(CSV).body(HEADER + "2021-03-02,20000,20500,19900,20000,5000,0.0\n"
                + "2021-03-03,20000,21000,19800,20600,7000,3.0\n").post("/market-data/bars/P10020").then().statusCode(200);
        given().contentType(CSV).body(HEADER + "2021-03-03,5000,5100,4900,5050,100,1.0\n")
                .post("/market-data/bars/P10030").then().statusCode(200);
        // Older history of P10030 only: its latest close does not move, so no tick for it.
        given().contentType(CSV).body(HEADER + "2021-03-02,5000,5000,4800,4900,90,0.0\n2021-03-03,5000,5100,4900,5050,100,1.0\n")
                .post("/market-data/bars/P10030").then().statusCode(200).body("changed", equalTo(1));
        // A re-import of the same bars: nothing written, nothing published.
        given().contentType(CSV).body(HEADER + "2021-03-02,20000,20500,19900,20000,5000,0.0\n"
                + "2021-03-03,20000,21000,19800,20600,7000,3.0\n").post("/market-data/bars/P10020").then().statusCode(200)
                .body("changed", equalTo(0));
        // The last write of the test: once its tick is on the topic, every tick before it is too.
        given().contentType(CSV).body("ticker,name,market\nP10040,끝전자,KOSDAQ\n").post("/market-data/stocks").then().statusCode(200);
        given().contentType(CSV).body(HEADER + "2021-03-04,1000,1000,1000,1000,1,0.0\n").post("/market-data/bars/P10040")
                .then().statusCode(200);

        var records = KafkaTopics.readFromBeginning(bootstrap, Topics.KAFKA_PRICES, Duration.ofSeconds(20),
                KafkaTopics.anyValueContains("P10040"));
        List<PriceTicked> ticks = new java.util.ArrayList<>();
        for (var r : records) {
            PriceTicked t = Json.MAPPER.readValue(r.value(), PriceTicked.class);
            if (t.ticker().startsWith("P100")) {
                assertEquals(t.ticker(), r.key());
                ticks.add(t);
            }
        }
        assertEquals(List.of(
                PriceTicked.of("P10020", 20_600, 600, 3.0, 7_000, LocalDate.of(2021, 3, 3).atTime(15, 30)),
                PriceTicked.of("P10030", 5_050, 0, 0.0, 100, LocalDate.of(2021, 3, 3).atTime(15, 30)),
                PriceTicked.of("P10040", 1_000, 0, 0.0, 1, LocalDate.of(2021, 3, 4).atTime(15, 30))), ticks);
    }

    @Test
    void aBrokenLineIsReportedWithItsNumberAndTheRestIsImported() {
        String csv = HEADER
                + "2020-06-16,20000,20500,19900,20400,1000,1.0\n"
                + "2020-06-17,20400,20\n"
                + "2020-06-18,20400,20800,20300,20700,900,1.5\n";

        given().contentType(CSV).body(csv).post("/market-data/bars/Q00020").then().statusCode(200)
                .body("rows", equalTo(2))
                .body("skipped[0].source", equalTo("Q00020.csv"))
                .body("skipped[0].line", equalTo(3))
                .body("skipped[0].reason", containsString("expected 7 fields"));
    }

    @Test
    void aFileWithoutThePykrxHeaderIsRejectedAndNothingIsTouched() {
        given().contentType(CSV).body(HEADER + "2020-06-16,30000,30500,29900,30400,1000,1.0\n")
                .post("/market-data/bars/Q00030").then().statusCode(200).body("changed", equalTo(1));

        given().contentType(CSV).body("date,open,high,low,close,volume\n2020-06-16,1,1,1,1,1\n")
                .post("/market-data/bars/Q00030").then().statusCode(400)
                .body("error", equalTo("malformed_file")).body("message", containsString("날짜,시가"));

        Row bar = pool.preparedQuery("SELECT close FROM daily_bars WHERE ticker = $1").execute(Tuple.of("Q00030"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertEquals(30400, bar.getInteger("close"));
    }

    @Test
    void rejectsATickerThatIsNotSixCharacters() {
        given().contentType(CSV).body(HEADER).post("/market-data/bars/12345678").then().statusCode(400)
                .body("violations[0].field", equalTo("ticker"));
    }

    @Test
    void statusCountsTickersAndBarsPerMarket() {
        SampleMarket.load();
        given().get("/market-data/status").then().statusCode(200)
                .body("find { it.market == 'KOSPI' }.last_date", equalTo("2025-06-17"))
                .body("find { it.market == 'KOSPI' }.first_date", equalTo("2023-12-05"));
    }

    @Test
    void aScannerOfRealListingsRefusesToGenerateAndStoresNothing() {
        SampleMarket.load();
        int before = given().get("/market-data/stocks").then().statusCode(200).extract().path("size()");

        given().contentType("application/json").body("{\"seed\": 3, \"tickers\": 50, \"days\": 300}")
                .post("/market-data/generate").then().statusCode(403)
                .body("error", equalTo("generator_refused"))
                .body("message", containsString("VCP_DATASET=synthetic"));

        given().get("/market-data/stocks").then().statusCode(200).body("size()", equalTo(before));
    }

    @Test
    void aFileOfThousandsOfJunkLinesListsTheFirstHundredAndCountsThemAll() {
        StringBuilder junk = new StringBuilder(String.join(",", MarketDataFiles.BAR_HEADER)).append('\n');
        for (int i = 0; i < 5_000; i++) {
            junk.append("junk line ").append(i).append('\n');
        }
        junk.append("2025-06-17,1000,1100,900,1050,12345,0\n");
        given().contentType("text/csv; charset=UTF-8").body(junk.toString()).post("/market-data/bars/J00010").then()
                .statusCode(200)
                .body("rows", equalTo(1))
                .body("skipped.size()", equalTo(100))
                .body("skipped_total", equalTo(5_000))
                .body("skipped[99].line", equalTo(101));
    }
}
