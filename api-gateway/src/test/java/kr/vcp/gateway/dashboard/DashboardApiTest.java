package kr.vcp.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of the dashboard API without a scanner behind it (none runs in these tests): CORS, refusals of
 * its own, and what the dashboard sees when the scanner does not answer. The paths' answers against a real scanner
 * are in the end-to-end tests (DashboardApiIT).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DashboardApiTest {

    @Test
    void aPreflightFromTheDashboardsOriginIsAllowedAndOneFromAnotherOriginIsNot() {
        given().header("Origin", "http://localhost:5110").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/kr/scan/vcp").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5110")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"));
        given().header("Origin", "http://localhost:5110").get("/api/system/health").then()
                .header("Access-Control-Allow-Origin", "http://localhost:5110");

        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/kr/signals").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://evil.example").get("/api/kr/signals").then().statusCode(403);
    }

    @Test
    void anUnreachableScannerIsA502ThatSaysSoAndTheScanButtonAnError() {
        given().get("/api/kr/signals/vcp").then().statusCode(502).body("error", equalTo("scanner_unreachable"));
        given().get("/api/kr/stocks/005930/chart?period=1mo").then().statusCode(502)
                .body("error", equalTo("scanner_unreachable"));
        given().post("/api/kr/scan/vcp?market=KOSPI").then().statusCode(502)
                .body("status", equalTo("error"))
                .body("found_signals", equalTo(0))
                .body("signals.size()", equalTo(0))
                .body("error_message", org.hamcrest.Matchers.startsWith("the scanner did not answer"));
    }

    @Test
    void theScanButtonsBadParametersAre400NamingEachAndNeverReachTheScanner() {
        given().post("/api/kr/scan/vcp?market=NYSE&min_score=700&min_grade=Z").then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("violations.field", equalTo(java.util.List.of("market", "min_score", "min_grade")));
        given().post("/api/system/scan/vcp?min_score=abc").then().statusCode(400)
                .body("violations[0].field", equalTo("min_score"));
    }

    @Test
    void theHealthBadgeSaysWhatIsDownAndWhatWeDoNotRun() {
        given().get("/api/system/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.api-gateway", equalTo("up"))
                .body("services.vcp-scanner", equalTo("down"))
                .body("database_status", equalTo("down"))
                .body("redis_status", equalTo("not used"))
                .body("celery_status", equalTo("not used"));
    }
}
