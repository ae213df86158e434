package kr.vcp.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;

/** Scans through the gateway are limited per client: a client firing them in a loop gets 429, reading does not. */
@QuarkusTest
@TestProfile(ScanThrottleTest.TwoAtOnce.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ScanThrottleTest {

    public static class TwoAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vcp.scans.burst", "2", "vcp.scans.per-minute", "6");
        }
    }

    @Test
    void aClientFiringScansInALoopIsRefusedWith429AndTheButtonSaysWhy() {
        // No scanner runs here: the scans that pass the limit reach for it and get 502.
        assertEquals(502, given().post("/api/kr/scan/vcp").then().extract().statusCode());
        assertEquals(502, given().contentType("application/json").body("{}").post("/api/scan").then().extract().statusCode());

        given().post("/api/kr/scan/vcp?market=KOSPI").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesRegex("\\d+"))
                .body("status", equalTo("error"))
                .body("found_signals", equalTo(0))
                .body("error_message", org.hamcrest.Matchers.startsWith("too many scans from this client"));
        given().contentType("application/json").body("{}").post("/api/scan").then().statusCode(429)
                .body("error", equalTo("too_many_scans"));
        // Bad parameters are still named, and reading is never limited.
        given().post("/api/kr/scan/vcp?market=NYSE").then().statusCode(400);
        given().get("/api/system/health").then().statusCode(200);
    }
}
