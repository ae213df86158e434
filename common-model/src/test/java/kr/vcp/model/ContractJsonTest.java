package kr.vcp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's own examples (contract.md) are the fixtures: read them, write them back, compare field for field. */
class ContractJsonTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = ContractJsonTest.class.getResourceAsStream("/contract/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void signalUpdateExampleRoundTripsFieldForFieldWithTheDashboardsExtraFieldsNull() throws IOException {
        String original = fixture("signal_update.json");

        ServerMessage message = Json.MAPPER.readValue(original, ServerMessage.class);
        JsonNode written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(message));

        ObjectNode signal = (ObjectNode) written.get("data").get("signals").get(0);
        for (String extra : List.of("market", "signal_date", "current_price", "contraction_ratio", "foreign_5d",
                "inst_5d")) {
            assertTrue(signal.get(extra).isNull(), extra + " written as null, not left out");
            signal.remove(extra);
        }
        assertEquals(Json.MAPPER.readTree(original), written);
    }

    @Test
    void signalCarriesTheVcpPagesExtraFieldsAsNumbersAndDates() throws JsonProcessingException {
        Signal signal = new Signal("000660", "SK하이닉스", SignalType.VCP, 7, Grade.A, 181_500, 199_600, 172_400, 55,
                List.of("수축률 0.3"), LocalDateTime.of(2026, 2, 3, 15, 40, 7), Market.KOSPI, LocalDate.of(2026, 2, 3),
                180_900L, 0.31, 12_500_000_000L, -3_200_000_000L);

        JsonNode s = Json.MAPPER.readTree(Json.write(signal));

        assertEquals("KOSPI", s.get("market").asText());
        assertEquals("2026-02-03", s.get("signal_date").asText());
        assertTrue(s.get("current_price").isIntegralNumber());
        assertEquals(180_900, s.get("current_price").asLong());
        assertTrue(s.get("contraction_ratio").isDouble());
        assertEquals(0.31, s.get("contraction_ratio").asDouble());
        assertEquals(12_500_000_000L, s.get("foreign_5d").asLong());
        assertEquals(-3_200_000_000L, s.get("inst_5d").asLong());
        assertEquals(signal, Json.MAPPER.readValue(Json.write(signal), Signal.class));
    }

    @Test
    void signalUpdateExampleReadsIntoTypedValues() throws IOException {
        var update = assertInstanceOf(ServerMessage.SignalUpdate.class,
                Json.MAPPER.readValue(fixture("signal_update.json"), ServerMessage.class));

        Signal signal = update.data().signals().get(0);
        assertEquals("005930", signal.ticker());
        assertEquals("삼성전자", signal.name());
        assertEquals(SignalType.VCP, signal.signalType());
        assertEquals(10, signal.score());
        assertEquals(Grade.S, signal.grade());
        assertEquals(75000, signal.entryPrice());
        assertEquals(82000, signal.targetPrice());
        assertEquals(72000, signal.stopLoss());
        assertEquals(1000, signal.positionSize());
        assertEquals(List.of("수축률 0.4", "외국인 수급 개선"), signal.reasons());
        assertEquals(LocalDateTime.of(2026, 2, 3, 9, 30, 0), signal.createdAt());
        assertEquals(1, update.data().count());
        assertEquals(LocalDateTime.of(2026, 2, 3, 9, 30, 0, 123_456_000), update.data().timestamp());
    }

    @Test
    void signalUpdateWritesIntegersAndContractTimestampShapes() throws JsonProcessingException {
        Signal signal = new Signal("000660", "SK하이닉스", SignalType.VCP, 7, Grade.A, 181_500, 199_600, 172_400, 55,
                List.of("수축률 0.3"), LocalDateTime.of(2026, 2, 3, 15, 40, 7, 999_000_000));
        var update = ServerMessage.SignalUpdate.of(List.of(signal), LocalDateTime.of(2026, 2, 3, 15, 40, 8), null);

        JsonNode tree = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(update));

        assertEquals("signal_update", tree.get("type").asText());
        JsonNode s = tree.get("data").get("signals").get(0);
        assertEquals("000660", s.get("ticker").asText());
        assertEquals(true, s.get("entry_price").isIntegralNumber());
        assertEquals(true, s.get("score").isIntegralNumber());
        assertEquals("2026-02-03T15:40:07", s.get("created_at").asText());
        assertEquals(1, tree.get("data").get("count").asInt());
        assertEquals("2026-02-03T15:40:08.000000", tree.get("data").get("timestamp").asText());
    }

    @Test
    void subscribeExampleReadsAsSubscribeToSignalVcp() throws IOException {
        ClientMessage message = Json.MAPPER.readValue(fixture("subscribe.json"), ClientMessage.class);

        assertEquals(new ClientMessage.Subscribe(Topics.WS_SIGNAL_VCP), message);
        assertEquals(Json.MAPPER.readTree(fixture("subscribe.json")),
                Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(message)));
    }

    @Test
    void clientMessagesOfEveryTypeAreRead() throws JsonProcessingException {
        assertEquals(new ClientMessage.Unsubscribe("signal:vcp"),
                Json.MAPPER.readValue("{\"type\":\"unsubscribe\",\"topic\":\"signal:vcp\"}", ClientMessage.class));
        assertEquals(new ClientMessage.Ping(), Json.MAPPER.readValue("{\"type\":\"ping\"}", ClientMessage.class));
        assertEquals(new ClientMessage.Pong(), Json.MAPPER.readValue("{\"type\":\"pong\"}", ClientMessage.class));
    }

    @Test
    void unknownClientMessageTypeIsRejected() {
        assertThrows(InvalidTypeIdException.class,
                () -> Json.MAPPER.readValue("{\"type\":\"buy\",\"topic\":\"signal:vcp\"}", ClientMessage.class));
    }

    @Test
    void everyMessageOfTheWholeDashboardRoundTripsFieldForField() throws IOException {
        for (String name : List.of("price_update.json", "index_update.json", "market_gate_update.json",
                "connected.json", "subscribed.json", "unsubscribed.json")) {
            String original = fixture(name);

            String written = Json.MAPPER.writeValueAsString(Json.MAPPER.readValue(original, ServerMessage.class));

            assertEquals(Json.MAPPER.readTree(original), Json.MAPPER.readTree(written), name);
        }
    }

    @Test
    void aPriceTickBecomesTheContractsPriceUpdate() throws IOException {
        PriceTicked tick = PriceTicked.of("005930", 75_100, 600, 0.81, 12_129_682,
                LocalDateTime.of(2026, 2, 3, 9, 30, 0, 123_456_000));

        String written = Json.write(ServerMessage.PriceUpdate.of(tick));

        assertEquals(Json.MAPPER.readTree(fixture("price_update.json")), Json.MAPPER.readTree(written));
        assertEquals(tick, Json.MAPPER.readValue(Json.write(tick), PriceTicked.class));
    }

    @Test
    void marketEventsBecomeTheContractsMarketMessagesOnTheirTopics() throws IOException {
        var index = new MarketStateChanged.IndexUpdated(MarketStateChanged.SCHEMA_VERSION, "001", "KOSPI", 2650.3,
                12.1, 0.46, 0, LocalDateTime.of(2026, 2, 3, 15, 30));
        var gate = new MarketStateChanged.MarketGateChanged(MarketStateChanged.SCHEMA_VERSION, "YELLOW", 55, 2650.3,
                0.46, null, null, List.of(new MarketStateChanged.Sector("반도체", null, 1.2, "bullish")),
                LocalDateTime.of(2026, 2, 3, 15, 40));

        assertEquals(Json.MAPPER.readTree(fixture("index_update.json")),
                Json.MAPPER.readTree(Json.write(ServerMessage.IndexUpdate.of(index))));
        assertEquals(Json.MAPPER.readTree(fixture("market_gate_update.json")),
                Json.MAPPER.readTree(Json.write(ServerMessage.MarketGateUpdate.of(gate))));
        assertEquals(Topics.WS_MARKET_KOSPI, index.wsTopic());
        assertEquals(Topics.WS_MARKET_GATE, gate.wsTopic());
        assertEquals(gate, Json.MAPPER.readValue(Json.write(gate), MarketStateChanged.class));
        assertEquals("index_updated", Json.MAPPER.readTree(Json.write(index)).get("event").asText());
    }

    @Test
    void theDashboardsTopicShapesAreTopicsAndOthersAreNot() {
        for (String topic : List.of("signal:vcp", "debug:signal:vcp", "price:005930", "price:0004V0", "market:kospi",
                "market:kosdaq", "market-gate", "signal:closing_bet", "market:nasdaq")) {
            assertEquals(true, Topics.isWsTopic(topic), topic);
        }
        for (String topic : List.of("", "price:5930", "price:005930 ", "price:00593a", "signal:", "orders:all",
                "market-gate:x", "SIGNAL:VCP", "signal:vcp\u0000")) {
            assertEquals(false, Topics.isWsTopic(topic), topic);
        }
        assertEquals(false, Topics.isWsTopic(null));
        assertEquals(false, Topics.keepsLatest(Topics.WS_DEBUG_SIGNAL_VCP));
        assertEquals(true, Topics.keepsLatest(Topics.price("005930")));
    }

    @Test
    void serverRepliesCarryTheirType() throws JsonProcessingException {
        assertEquals("{\"type\":\"subscribed\",\"topic\":\"signal:vcp\",\"message\":\"Subscribed to signal:vcp\"}",
                Json.MAPPER.writeValueAsString(ServerMessage.Subscribed.to("signal:vcp")));
        assertEquals("{\"type\":\"error\",\"code\":\"unknown_topic\",\"message\":\"no such topic\"}",
                Json.MAPPER.writeValueAsString(new ServerMessage.Error("unknown_topic", "no such topic")));
    }

    @Test
    void signalsScannedEventRoundTripsWithSnakeCaseNames() throws JsonProcessingException {
        Signal signal = new Signal("035720", "카카오", SignalType.VCP, 6, Grade.B, 41_250, 45_650, 38_950, 120,
                List.of("추세 템플릿 8/8"), LocalDateTime.of(2025, 6, 17, 15, 40, 0));
        var event = new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(), "ALL",
                LocalDate.of(2025, 6, 17), Instant.parse("2025-06-17T06:40:00.123Z"),
                List.of(new MarketSignals(Market.KOSPI, List.of(signal)), new MarketSignals(Market.KOSDAQ, List.of())));

        String json = Json.MAPPER.writeValueAsString(event);
        JsonNode tree = Json.MAPPER.readTree(json);

        assertEquals(event, Json.MAPPER.readValue(json, SignalsScanned.class));
        assertEquals("2025-06-17", tree.get("signal_date").asText());
        assertEquals("2025-06-17T06:40:00.123Z", tree.get("produced_at").asText());
        assertEquals("KOSPI", tree.get("results").get(0).get("market").asText());
        assertEquals(List.of(signal), event.signals());
    }
}
