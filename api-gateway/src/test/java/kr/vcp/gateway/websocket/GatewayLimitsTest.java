package kr.vcp.gateway.websocket;

import kr.vcp.infra.RawWebSocket;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.model.Grade;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The gateway under abuse, with small limits so that tests reach them quickly. */
@QuarkusTest
@TestProfile(GatewayLimitsTest.SmallLimits.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class GatewayLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // Far below the 7.5 MB a client that never reads is sent below; at 800 KB, readers in this JVM
                    // on a busy 2-core machine were once cut off too (974 and 893 KB behind during the burst).
                    "vcp.ws.max-backlog", "2M",
                    "vcp.ws.message-burst", "10",
                    "vcp.ws.messages-per-second", "2",
                    "vcp.ws.max-violations", "20",
                    "vcp.ws.max-connections", "30",
                    "quarkus.http.cors.origins", "http://dashboard.test",
                    "vcp.ws.heartbeat-interval", "300ms",
                    "vcp.ws.heartbeat-timeout", "6000ms");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private int port() {
        return base.getPort();
    }

    private static long stat(String path) {
        return given().get("/ws/stats").then().statusCode(200).extract().<Number>path(path).longValue();
    }

    /** An event with 100 signals (~25 KB as a signal_update), for the future, so it is always the newest page. */
    private static SignalsScanned bigEvent(int n) {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            signals.add(new Signal(String.format("%06d", 500_000 + i), "대량종목" + i, SignalType.VCP, 7, Grade.A, 50_000,
                    56_000, 46_000, 100, List.of("수축률 0.30", "수축 3회 24→12→7%", "거래량 감소 0.50", "RS 88"),
                    LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
        }
        return new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(), "KOSPI",
                LocalDate.now().plusYears(3), Instant.now().plusMillis(n), List.of(new MarketSignals(Market.KOSPI, signals)));
    }

    @Test
    void aClientThatNeverReadsIsCutOffWhileTenOthersReceiveEveryMessage() throws Exception {
        long slowBefore = stat("delivery.slow_consumer_disconnects");
        List<WsClient> readers = new ArrayList<>();
        try (RawWebSocket stalled = new RawWebSocket(port(), Map.of())) {
            stalled.sendText("{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}");
            // It writes (so the heartbeat sees it alive) but never reads: only its own queue can fill.
            Thread keepAlive = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(500);
                        stalled.sendText("{\"type\": \"ping\"}");
                    }
                } catch (Exception e) {
                    // closed: done
                }
            });
            keepAlive.setDaemon(true);
            keepAlive.start();
            for (int i = 0; i < 10; i++) {
                WsClient reader = new WsClient(base);
                reader.subscribe();
                readers.add(reader);
            }
            List<SignalsScanned> events = IntStream.range(0, 300).mapToObj(GatewayLimitsTest::bigEvent).toList();
            Instant start = Instant.now();
            KafkaTopics.produceAll(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY,
                    events.stream().map(Json::write).toList());
            String last = events.get(events.size() - 1).eventId().toString();

            for (WsClient reader : readers) {
                reader.await(m -> m.path("data").path("event_id").asText().equals(last), WAIT);
                Set<String> received = reader.received().stream()
                        .filter(m -> m.path("type").asText().equals("signal_update"))
                        .map(m -> m.path("data").path("event_id").asText()).collect(Collectors.toSet());
                List<Integer> missed = IntStream.range(0, events.size())
                        .filter(i -> !received.contains(events.get(i).eventId().toString())).boxed().toList();
                assertEquals(List.of(), missed, "every event reached every reading client; these did not");
            }
            System.out.printf("Slow client: 300 updates of ~25 KB reached 10 readers in %d ms while one client did "
                    + "not read%n", Duration.between(start, Instant.now()).toMillis());
            keepAlive.interrupt();
            assertEquals(4008, stalled.awaitClose(10_000), "the stalled client is closed as a slow consumer");
            assertEquals(slowBefore + 1, stat("delivery.slow_consumer_disconnects"), "only the stalled client was cut");
        } finally {
            readers.forEach(WsClient::close);
        }
    }

    @Test
    void clientsThatLeaveCleanlyOrVanishAreNotCountedAsDroppedMessages() throws Exception {
        long droppedBefore = stat("delivery.bytes_dropped");
        long slowBefore = stat("delivery.slow_consumer_disconnects");
        try (WsClient staying = new WsClient(base)) {
            staying.subscribe();
            List<WsClient> leaving = new ArrayList<>();
            List<RawWebSocket> vanishing = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                WsClient client = new WsClient(base);
                client.subscribe();
                leaving.add(client);
                RawWebSocket raw = new RawWebSocket(port(), Map.of());
                raw.sendText("{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}");
                vanishing.add(raw);
            }
            List<SignalsScanned> events = IntStream.range(0, 20).mapToObj(GatewayLimitsTest::bigEvent).toList();
            Thread producing = new Thread(() -> KafkaTopics.produceAll(bootstrap, Topics.KAFKA_SIGNALS,
                    Topics.SIGNALS_KEY, events.stream().map(Json::write).toList()));
            producing.start();
            leaving.forEach(WsClient::close);
            for (RawWebSocket raw : vanishing) {
                raw.close(); // no close frame: the socket just goes
            }
            producing.join();
            String last = events.get(events.size() - 1).eventId().toString();
            staying.await(m -> m.path("data").path("event_id").asText().equals(last), WAIT);

            assertEquals(droppedBefore, stat("delivery.bytes_dropped"), "nothing dropped: nobody was too slow");
            assertEquals(slowBefore, stat("delivery.slow_consumer_disconnects"));
        }
    }

    @Test
    void aFloodIsRateLimitedThenClosedOnceAndOthersAreUnaffected() throws Exception {
        long limitedBefore = stat("delivery.rate_limited_messages");
        long policyBefore = stat("delivery.policy_disconnects");
        try (WsClient bystander = new WsClient(base); WsClient flooder = new WsClient(base)) {
            for (int i = 0; i < 60 && flooder.isOpen(); i++) {
                try {
                    flooder.send("{\"type\": \"ping\"}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            flooder.await(m -> m.path("code").asText().equals("rate_limited"), WAIT);
            Instant deadline = Instant.now().plusSeconds(10);
            while (flooder.isOpen() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertTrue(!flooder.isOpen(), "closed after too many refused messages");
            assertTrue(stat("delivery.rate_limited_messages") >= limitedBefore + 20, "at least max-violations refused");
            assertEquals(policyBefore + 1, stat("delivery.policy_disconnects"), "one connection, counted once");
            bystander.send("{\"type\": \"ping\"}");
            bystander.await(m -> m.path("type").asText().equals("pong"), WAIT);
        }
    }

    @Test
    void subscribingAgainAndAgainStaysOneSubscription() {
        try (WsClient spammer = new WsClient(base)) {
            for (int i = 0; i < 8; i++) {
                spammer.send("{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}");
            }
            Instant deadline = Instant.now().plusSeconds(10);
            while (spammer.received().stream().filter(m -> m.path("type").asText().equals("subscribed")).count() < 8
                    && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            assertEquals(1L, stat("subscribers.'signal:vcp'"));
        }
    }

    @Test
    void anUpgradeFromAnOriginNotAllowedIsRefusedWith403() throws Exception {
        try (RawWebSocket evil = new RawWebSocket(port(), Map.of("Origin", "http://evil.test"));
                RawWebSocket good = new RawWebSocket(port(), Map.of("Origin", "http://dashboard.test"))) {
            assertEquals(403, evil.handshake().status());
            assertTrue(evil.handshake().head().contains("CORS Rejected"), evil.handshake().head());
            assertEquals(101, good.handshake().status());
        }
    }

    @Test
    void upgradesBeyondTheConnectionCapAreRefusedWith503() throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        RawWebSocket.Handshake refused = null;
        try {
            // Connections of earlier tests may still be closing: open until the cap bites, whatever the count was.
            for (int i = 0; i < 40 && refused == null; i++) {
                RawWebSocket client = new RawWebSocket(port(), Map.of());
                clients.add(client);
                if (client.handshake().status() != 101) {
                    refused = client.handshake();
                }
            }
            assertTrue(refused != null, "no refusal after 40 connections");
            assertEquals(503, refused.status());
            assertTrue(refused.head().contains("too many connections"), refused.head());
            // The check counts open sessions; an upgrade answered a moment before its session registers may slip by.
            assertTrue(stat("connections") <= 32, "connections " + stat("connections"));
        } finally {
            for (RawWebSocket c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedByTheHeartbeat() throws Exception {
        long before = stat("delivery.heartbeat_disconnects");
        try (RawWebSocket silent = new RawWebSocket(port(), Map.of())) {
            assertEquals(4002, silent.awaitClose(10_000));
        }
        assertTrue(stat("delivery.heartbeat_disconnects") > before);
    }

    @Test
    void heartbeatSpreadsItsPingsOverTheInterval() throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(12);
        try {
            for (int i = 0; i < 12; i++) {
                clients.add(new RawWebSocket(port(), Map.of()));
            }
            List<Future<Long>> pings = new ArrayList<>();
            for (RawWebSocket client : clients) {
                pings.add(readers.submit(() -> client.awaitPing(5_000)));
            }
            long[] firstPing = new long[clients.size()];
            for (int i = 0; i < firstPing.length; i++) {
                firstPing[i] = pings.get(i).get(10, TimeUnit.SECONDS);
            }
            Arrays.sort(firstPing);
            // One tick is 300 ms / 30 = 10 ms: pings more than 5 ms apart came from different ticks. All at once, as
            // one loop over the connections sends them, they would be a single burst (or two, across a tick).
            int bursts = 1;
            for (int i = 1; i < firstPing.length; i++) {
                if (firstPing[i] - firstPing[i - 1] > TimeUnit.MILLISECONDS.toNanos(5)) {
                    bursts++;
                }
            }
            assertTrue(bursts >= 4, "the 12 clients' first pings came in " + bursts + " bursts: "
                    + Arrays.toString(Arrays.stream(firstPing).map(t -> (t - firstPing[0]) / 1_000_000).toArray()));
        } finally {
            readers.shutdownNow();
            for (RawWebSocket client : clients) {
                client.close();
            }
        }
    }
}
