package kr.vcp.gateway.websocket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import kr.vcp.infra.RawWebSocket;
import kr.vcp.infra.WebSocketWire;
import kr.vcp.infra.quarkus.KafkaTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 at the edges: every frame the gateway will not take closes that connection with the code that says why. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ProtocolViolationsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    private RawWebSocket connect() throws IOException {
        RawWebSocket client = new RawWebSocket(base.getPort(), Map.of());
        assertEquals(101, client.handshake().status(), client.handshake().head());
        assertTrue(client.readText(5_000).contains("\"connected\""), "connected first");
        return client;
    }

    private static long stat(String path) {
        return given().get("/ws/stats").then().statusCode(200).extract().<Number>path(path).longValue();
    }

    /** A bystander on another connection still gets its pong. */
    private void othersAreUnaffected() {
        try (WsClient bystander = new WsClient(base)) {
            bystander.send("{\"type\": \"ping\"}");
            bystander.await(m -> m.path("type").asText().equals("pong"), WAIT);
        }
    }

    @Test
    void aFrameOverTheLimitIsClosedWith1009() throws Exception {
        try (RawWebSocket big = connect()) {
            big.sendText("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(6000) + "\"}");
            assertEquals(1009, big.awaitClose(5_000));
        }
        othersAreUnaffected();
    }

    @Test
    void aMessageOverTheLimitInSmallFragmentsIsClosedWith1009AndNotReadWhole() throws Exception {
        try (RawWebSocket big = connect()) {
            big.sendFragment(false, 0x1, "{\"type\": \"ping\", \"pad\": \"".getBytes(StandardCharsets.UTF_8));
            int sent = 0;
            try {
                // 20 MB announced in 2 KB fragments: the connection must be closed long before.
                for (; sent < 10_000; sent++) {
                    big.sendFragment(false, 0x0, "y".repeat(2048).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException closedMeanwhile) {
                // the server stopped reading: what we want
            }
            assertEquals(1009, big.awaitClose(5_000), "after " + sent + " fragments");
        }
        othersAreUnaffected();
    }

    @Test
    void invalidUtf8IsClosedWith1007() throws Exception {
        long before = stat("delivery.protocol_disconnects");
        try (RawWebSocket garbled = connect()) {
            garbled.sendFrame(0x1, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertEquals(1007, garbled.awaitClose(5_000));
        }
        assertEquals(before + 1, stat("delivery.protocol_disconnects"), "one connection, counted once");
        othersAreUnaffected();
    }

    @Test
    void aBinaryMessageIsClosedWith1003() throws Exception {
        try (RawWebSocket binary = connect()) {
            binary.sendFrame(0x2, new byte[] {1, 2, 3, 4});
            assertEquals(1003, binary.awaitClose(5_000));
        }
        othersAreUnaffected();
    }

    @Test
    void aValidMessageAfterTextInFragmentsIsAnswered() throws Exception {
        try (RawWebSocket fragmented = connect()) {
            fragmented.sendFragment(false, 0x1, "{\"type\": ".getBytes(StandardCharsets.UTF_8));
            fragmented.sendFragment(true, 0x0, "\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(fragmented.readText(5_000).contains("\"pong\""));
        }
    }

    @ParameterizedTest(name = "Sec-WebSocket-Key: \"{0}\"")
    @ValueSource(strings = {"", "not base64!", "c2hvcnQ=", "dGhlIHNhbXBsZSBub25jZQ==dGhl"})
    void anUpgradeWithoutAValidKeyIsRefusedWith400(String key) throws Exception {
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (key.isEmpty() ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + "\r\n";
        WebSocketWire.Answer answer = WebSocketWire.exchange("127.0.0.1", base.getPort(), request);
        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.body().contains("\"invalid_upgrade\"") && answer.body().contains("Sec-WebSocket-Key"),
                answer.body());
    }

    @Test
    void aHandshakeThatNeverFinishesIsDropped() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5_000);
            socket.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                while ((read = in.read()) >= 0) {
                    // an error page, if any, then the end of the stream
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("still held after 30 s");
            } catch (IOException reset) {
                read = -1;
            }
            System.out.printf("An unfinished handshake was dropped after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertEquals(-1, read);
        }
    }
}
