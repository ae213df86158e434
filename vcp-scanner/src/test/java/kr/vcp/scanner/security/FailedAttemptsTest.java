package kr.vcp.scanner.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** A client that sends too many wrong write keys is refused every write until its window ends. */
@QuarkusTest
@TestProfile(FailedAttemptsTest.ThreeAttempts.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class FailedAttemptsTest {

    public static class ThreeAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vcp.security.max-failed-attempts", "3", "vcp.security.failed-attempts-window", "2s");
        }
    }

    private static final String MASTER = "ticker,name,market\n";

    private static int write(String key) {
        return given().header(WriteKeyFilter.HEADER, key).contentType("text/csv; charset=UTF-8").body(MASTER)
                .post("/market-data/stocks").then().extract().statusCode();
    }

    @Test
    void threeWrongKeysLockTheClientOutEvenWithTheRightOneUntilItsWindowEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, write("guess-" + i));
        }
        given().header(WriteKeyFilter.HEADER, "test-write-key").contentType("text/csv; charset=UTF-8").body(MASTER)
                .post("/market-data/stocks").then().statusCode(429)
                .body("error", equalTo("too_many_attempts"))
                .header("Retry-After", org.hamcrest.Matchers.matchesRegex("[12]"));
        assertEquals(200, given().get("/market-data/status").then().extract().statusCode(), "reading stays open");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int status = 429;
        while (status == 429 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = write("test-write-key");
        }
        assertEquals(200, status, "the right key is taken again once the window has ended");
    }

    @Test
    void windowsAreCountedPerClientAndExpire() {
        FailedAttempts attempts = new FailedAttempts(2, Duration.ofSeconds(60));
        long t = 1_000_000_000L;
        attempts.failed("10.0.0.1", t);
        assertTrue(attempts.lockedFor("10.0.0.1", t).isZero());
        attempts.failed("10.0.0.1", t + 1);
        assertEquals(Duration.ofSeconds(60).minusNanos(5), attempts.lockedFor("10.0.0.1", t + 5));
        assertTrue(attempts.lockedFor("10.0.0.2", t + 5).isZero(), "another client is not locked out");
        assertTrue(attempts.lockedFor("10.0.0.1", t + Duration.ofSeconds(60).toNanos()).isZero(), "the window ended");
        attempts.failed("10.0.0.1", t + Duration.ofSeconds(61).toNanos());
        assertTrue(attempts.lockedFor("10.0.0.1", t + Duration.ofSeconds(61).toNanos()).isZero(), "a new window");
    }
}
