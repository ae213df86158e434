package kr.vcp.gateway.websocket;

import kr.vcp.infra.RawWebSocket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;

/** One property switches token authentication on; then an upgrade without a valid token is refused with 401. */
@QuarkusTest
@TestProfile(TokenAuthTest.WithTokens.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class TokenAuthTest {

    public static class WithTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vcp.ws.tokens", "secret-1,secret-2");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void anUpgradeNeedsAValidTokenInTheQueryOrTheHeader() throws Exception {
        int port = base.getPort();
        try (RawWebSocket none = new RawWebSocket(port, Map.of());
                RawWebSocket wrong = new RawWebSocket(port, Map.of("Authorization", "Bearer nope"));
                RawWebSocket bearer = new RawWebSocket(port, Map.of("Authorization", "Bearer secret-2"))) {
            assertEquals(401, none.handshake().status());
            assertEquals(401, wrong.handshake().status());
            assertEquals(101, bearer.handshake().status());
        }
        try (RawWebSocket query = new RawWebSocket(port, "/ws?token=secret-1", Map.of())) {
            assertEquals(101, query.handshake().status());
        }
    }
}
