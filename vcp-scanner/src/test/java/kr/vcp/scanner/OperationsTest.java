package kr.vcp.scanner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class OperationsTest {

    @Test
    void readinessIsUpWithTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesTheScanAndAnalysisEndpoints() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/scan"))
                .body(containsString("/analysis/{ticker}"))
                .body(containsString("/market-data/generate"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void anUnknownPathAndAWrongMethodAnswerInTheErrorBodyOfEveryOther() {
        given().get("/no-such-thing").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("not_found"));
        given().delete("/scan").then().statusCode(405).contentType("application/json")
                .body("error", equalTo("method_not_allowed"));
    }
}
