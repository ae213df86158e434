package kr.vcp.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import kr.vcp.gateway.websocket.WsClient;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class AdminResourceTest {

    private static final String KEY = "test-admin-key";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private record Published(SignalsScanned event, RecordMetadata where) {
    }

    private Published publish() {
        Signal signal = new Signal("00" + (1000 + (int) (Math.random() * 8999)), "리플레이", SignalType.VCP, 8, Grade.A,
                50_000, 56_000, 46_000, 100, List.of("추세 템플릿 7/8"), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        SignalsScanned event = new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(),
                "KOSPI", LocalDate.now().plusYears(1), Instant.now(),
                List.of(new MarketSignals(Market.KOSPI, List.of(signal))));
        return new Published(event, KafkaTopics.produce(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY,
                Json.write(event)));
    }

    @Test
    void refusesRequestsWithoutTheKey() {
        given().get("/admin/events").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("X-API-Key", "wrong").post("/admin/replay").then().statusCode(401)
                .body("message", equalTo("send the admin API key in the X-API-Key header"));
    }

    @Test
    void listsARangeOfEventsInOrderWithTheirKafkaCoordinates() {
        Published first = publish();
        Published second = publish();
        Published third = publish();

        ExtractableResponse<Response> listed = given().header("X-API-Key", KEY)
                .queryParam("from_offset", first.where().offset()).queryParam("to_offset", third.where().offset())
                .get("/admin/events").then().statusCode(200).extract();

        assertEquals(List.of(first.event().eventId().toString(), second.event().eventId().toString(),
                third.event().eventId().toString()), listed.path("events.event.event_id"));
        assertEquals(List.of((int) first.where().offset(), (int) second.where().offset(), (int) third.where().offset()),
                listed.path("events.offset"));
        assertEquals(Topics.SIGNALS_KEY, listed.path("events[0].key"));
        assertEquals(Instant.ofEpochMilli(first.where().timestamp()).toString(), listed.path("events[0].timestamp"));
    }

    @Test
    void listsByTime() {
        Instant before = Instant.now().minusMillis(5);
        Published published = publish();

        given().header("X-API-Key", KEY).queryParam("from_time", before.toString())
                .get("/admin/events").then().statusCode(200)
                .body("events.event.event_id", hasItem(published.event().eventId().toString()));
    }

    @Test
    void replayGoesToTheDebugTopicAndNotToTraders() {
        try (WsClient trader = new WsClient(base); WsClient engineer = new WsClient(base)) {
            trader.subscribe();
            engineer.subscribe(Topics.WS_DEBUG_SIGNAL_VCP);
            Published published = publish();
            String eventId = published.event().eventId().toString();
            trader.await(m -> m.path("data").path("event_id").asText().equals(eventId), WAIT);

            given().header("X-API-Key", KEY).queryParam("from_offset", published.where().offset())
                    .queryParam("to_offset", published.where().offset())
                    .post("/admin/replay").then().statusCode(200)
                    .body("to_topic", equalTo(Topics.WS_DEBUG_SIGNAL_VCP))
                    .body("events_replayed", equalTo(1)).body("messages_sent", equalTo(1));

            engineer.await(m -> m.path("type").asText().equals("signal_update")
                    && m.path("data").path("event_id").asText().equals(eventId), WAIT);
            assertEquals(1, trader.received().stream()
                    .filter(m -> m.path("data").path("event_id").asText().equals(eventId)).count());
            assertTrue(engineer.received().stream().noneMatch(m -> m.path("type").asText().equals("signal_update")
                    && !m.path("data").path("event_id").asText().equals(eventId)));
        }
    }

    @Test
    void rejectsABadRangeNamingTheParameter() {
        given().header("X-API-Key", KEY).queryParam("from_offset", "abc").queryParam("from_time", "yesterday")
                .get("/admin/events").then().statusCode(400)
                .body("violations.field", equalTo(List.of("from_offset", "from_time")));
        given().header("X-API-Key", KEY).queryParam("from_offset", 9).queryParam("to_offset", 3)
                .get("/admin/events").then().statusCode(400).body("violations[0].field", equalTo("to_offset"));
    }
}
