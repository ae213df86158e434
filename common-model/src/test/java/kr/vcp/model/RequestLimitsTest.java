package kr.vcp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

    private static final List<Map.Entry<String, String>> HEADERS = List.of(Map.entry("Host", "127.0.0.1"));

    @Test
    void aRequestWithinTheLimitsPasses() {
        assertNull(RequestLimits.check("/a".repeat(2048), HEADERS, "1024", 1024));
        assertNull(RequestLimits.check("/scan", List.of(Map.entry("X-Pad", "x".repeat(16_000))), null, 1024));
    }

    @Test
    void aLongPathIsA414AHugeHeaderA431AndALargeDeclaredBodyA413() {
        RequestLimits.Refusal path = RequestLimits.check("/" + "a".repeat(4096), HEADERS, null, 1024);
        assertEquals(414, path.status());
        assertEquals(ApiError.of("uri_too_long", "the path and query are at most 4096 bytes"), path.error());
        RequestLimits.Refusal headers = RequestLimits.check("/", List.of(Map.entry("X-Pad", "x".repeat(16_400))), null,
                1024);
        assertEquals(431, headers.status());
        assertEquals("headers_too_large", headers.error().error());
        RequestLimits.Refusal body = RequestLimits.check("/", HEADERS, "1025", 1024);
        assertEquals(413, body.status());
        assertEquals(ApiError.of("payload_too_large", "a body is at most 1024 bytes"), body.error());
    }

    @Test
    void aContentLengthThatIsNoNumberIsLeftToTheHttpLayer() {
        assertNull(RequestLimits.check("/", HEADERS, "12abc", 1));
        assertNull(RequestLimits.check("/", HEADERS, "99999999999999999999999", 1));
    }
}
