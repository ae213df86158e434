package kr.vcp.scanner.stock;

import kr.vcp.scanner.SampleMarket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class AnalysisResourceTest {

    @BeforeEach
    void loadMarket() {
        SampleMarket.load();
    }

    @Test
    void aPlantedSetupIsExplainedWithItsContractionsPivotScoreAndPlan() {
        String ticker = SampleMarket.planted.get(0);

        given().get("/analysis/" + ticker).then().statusCode(200)
                .body("ticker", equalTo(ticker))
                .body("as_of", equalTo("2025-06-17"))
                .body("verdict", startsWith("VCP 신호"))
                .body("signal.ticker", equalTo(ticker))
                .body("trend_template.passed", equalTo(8))
                .body("trend_template.criteria", hasSize(8))
                .body("pattern.valid", equalTo(true))
                .body("pattern.contractions[0].high_date", notNullValue())
                .body("pattern.failures", hasSize(0))
                .body("risk_plan.entry", equalTo(given().get("/analysis/" + ticker).path("signal.entry_price")))
                .body("score.total", equalTo(given().get("/analysis/" + ticker).path("signal.score")));
    }

    @Test
    void theBaseComesWithItsBarsToChart() {
        String ticker = SampleMarket.planted.get(0);
        io.restassured.path.json.JsonPath analysis = given().get("/analysis/" + ticker).then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> bars = analysis.getList("bars");
        int baseBars = analysis.getInt("pattern.base_bars");

        assertEquals(AnalysisResponse.CONTEXT_BARS + baseBars, bars.size());
        assertEquals(analysis.getString("pattern.base_start"), bars.get(AnalysisResponse.CONTEXT_BARS).get("date"));
        assertEquals("2025-06-17", bars.get(bars.size() - 1).get("date"));
        assertEquals(analysis.getDouble("close"), ((Number) bars.get(bars.size() - 1).get("close")).doubleValue());
        String firstHigh = analysis.getString("pattern.contractions[0].high_date");
        Map<String, Object> highBar = bars.stream().filter(b -> b.get("date").equals(firstHigh)).findFirst().orElseThrow();
        assertEquals(analysis.getInt("pattern.contractions[0].high"), highBar.get("high"));
    }

    @Test
    void aStockWithoutABaseIsChartedOverItsLastBars() {
        given().get("/analysis/005935").then().statusCode(200)
                .body("pattern", nullValue())
                .body("bars", hasSize(AnalysisResponse.PLAIN_CHART))
                .body("bars[119].date", equalTo("2025-06-17"));
    }

    @Test
    void aPreferredShareIsExplainedAsOutsideTheUniverse() {
        given().get("/analysis/005935").then().statusCode(200)
                .body("signal", nullValue())
                .body("exclusions[0]", equalTo("우선주"))
                .body("verdict", startsWith("분석 대상 아님"));
    }

    @Test
    void historyCanBeAnalysedAsOfAnEarlierDay() {
        given().queryParam("as_of", "2025-01-15").get("/analysis/005930").then().statusCode(200)
                .body("as_of", equalTo("2025-01-15"));
    }

    @Test
    void anUnknownTickerIs404AndABadDate400() {
        given().get("/analysis/999999").then().statusCode(404).body("error", equalTo("unknown_ticker"));
        given().queryParam("as_of", "yesterday").get("/analysis/005930").then().statusCode(400)
                .body("violations[0].field", equalTo("as_of"));
    }
}
