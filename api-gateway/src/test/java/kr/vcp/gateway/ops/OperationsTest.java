package kr.vcp.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class OperationsTest {

    @Inject
    Hub hub;

    @Test
    void readinessGoesDownWhileTheHubIsStopped() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("hub"));
        hub.stop();
        try {
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            hub.start();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void prometheusExposesTheGatewayCounters() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vcp_ws_delivered_total"))
                .body(containsString("vcp_ws_disconnects_slow_consumer"))
                .body(containsString("vcp_ws_delivery_lag_milliseconds"));
    }
}
