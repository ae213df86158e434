package kr.vcp.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;

/** With scan keys configured, only a client sending one scans through the gateway; reading stays open. */
@QuarkusTest
@TestProfile(ScanAccessTest.Keyed.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ScanAccessTest {

    public static class Keyed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vcp.scans.keys", "desk-1,desk-2", "vcp.scans.burst", "100000");
        }
    }

    @Test
    void aScanWithoutOneOfTheKeysIsRefusedWith401AndWithOneItGoesOn() {
        given().post("/api/kr/scan/vcp").then().statusCode(401)
                .body("status", equalTo("error"))
                .body("error_message", org.hamcrest.Matchers.startsWith("scans through this gateway need one of its"));
        given().header("X-API-Key", "desk-3").contentType("application/json").body("{}").post("/api/scan").then()
                .statusCode(401).body("error", equalTo("unauthorized"));
        // No scanner runs here: a scan let through reaches for it and gets 502.
        given().header("X-API-Key", "desk-2").post("/api/kr/scan/vcp").then().statusCode(502);
        given().header("X-API-Key", "desk-1").contentType("application/json").body("{}").post("/api/scan").then()
                .statusCode(502);
        given().get("/api/system/health").then().statusCode(200);
    }
}
