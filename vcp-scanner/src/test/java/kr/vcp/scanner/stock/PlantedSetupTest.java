package kr.vcp.scanner.stock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.SyntheticDataset;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analysis of the generated market's planted setups: the engine finds what was planted, as planted. */
@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class PlantedSetupTest {

    @BeforeEach
    void loadMarket() {
        SampleMarket.loadSynthetic();
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
    void aSignalCarriesItsMarketDayClosingPriceAndContractionRatio() {
        String ticker = SampleMarket.planted.get(0);
        io.restassured.path.json.JsonPath analysis = given().get("/analysis/" + ticker).then().statusCode(200)
                .extract().jsonPath();

        assertEquals(analysis.getString("market"), analysis.getString("signal.market"));
        assertEquals("2025-06-17", analysis.getString("signal.signal_date"));
        assertEquals((long) analysis.getDouble("close"), analysis.getLong("signal.current_price"));
        double ratio = analysis.getDouble("pattern.contraction_ratio");
        assertEquals(Math.round(ratio * 100) / 100.0, analysis.getDouble("signal.contraction_ratio"), 1e-9);
        double first = analysis.getDouble("pattern.contractions[0].depth");
        List<Double> depths = analysis.getList("pattern.contractions.depth", Double.class);
        assertEquals(depths.get(depths.size() - 1) / first, ratio, 1e-6); // JSON paths read floats
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
    void foreignersTurningBuyersAddsToTheScoreAndTheReasons() {
        String ticker = SampleMarket.planted.get(1);
        int before = given().get("/analysis/" + ticker).then().statusCode(200).extract().path("score.total");

        StringBuilder flows = new StringBuilder(String.join(",", MarketDataFiles.FLOW_HEADER) + "\n");
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 6, 17); days.size() < 20; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, d);
            }
        }
        for (int i = 0; i < days.size(); i++) {
            long foreign = i < 15 ? -2_000_000_000L : 3_000_000_000L; // sellers for three weeks, buyers this week
            flows.append(days.get(i)).append(",-100000000,0,0,").append(foreign).append(",0\n");
        }
        given().contentType("text/csv; charset=UTF-8").body(flows.toString()).post("/market-data/flows/" + ticker)
                .then().statusCode(200).body("rows", equalTo(20));

        int after = given().get("/analysis/" + ticker).then().statusCode(200)
                .body("score.flows", equalTo(0.5f))
                // The last five trading days: foreigners bought 3,000억 a day, institutions sold 1억 a day.
                .body("signal.foreign_5d", equalTo(15_000_000_000L))
                .body("signal.inst_5d", equalTo(-500_000_000))
                .body("signal.reasons[1]", equalTo("외국인 수급 개선"))
                .body("verdict", startsWith("VCP 신호"))
                .extract().path("score.total");
        org.junit.jupiter.api.Assertions.assertTrue(after >= before, before + " -> " + after);
    }
}
