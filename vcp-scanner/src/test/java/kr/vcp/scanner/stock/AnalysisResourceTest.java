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
