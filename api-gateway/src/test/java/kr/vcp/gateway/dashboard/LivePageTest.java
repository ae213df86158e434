package kr.vcp.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class LivePageTest {

    @Test
    void theGatewayServesTheLivePageThatSubscribesLikeTheDashboard() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>VCP 신호"))
                .body(containsString("type: 'subscribe', topic: 'signal:vcp'"))
                .body(containsString("signal_update"));
    }
}
