package kr.vcp.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.model.Grade;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The dashboard's VCP page, message for message, against the gateway's default limits. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class DashboardTrafficTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PAGE = 100;
    private static final int ROUNDS = 10;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A page of 100 signals; from one round to the next, half the tickers stay and half are new. */
    private static List<Signal> page(int firstTicker, int round) {
        return IntStream.range(0, PAGE).mapToObj(i -> {
            String ticker = String.format("%06d", firstTicker + round * PAGE / 2 + i);
            return new Signal(ticker, "종목" + ticker, SignalType.VCP, 7, Grade.A, 10_000, 11_000, 9_500, 100,
                    List.of("수축률 0.4"), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        }).toList();
    }

    private SignalsScanned publish(List<Signal> signals, int round) {
        SignalsScanned event = new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(),
                "KOSPI", LocalDate.now().plusYears(3), Instant.now(),
                List.of(new MarketSignals(Market.KOSPI, signals)));
        KafkaTopics.produce(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY, Json.write(event));
        return event;
    }

    @Test
    void theVcpPagesReSubscriptionBurstsAreNeverRefusedAndEveryTickOnScreenArrives() throws Exception {
        int firstTicker = ThreadLocalRandom.current().nextInt(100_000, 800_000);
        try (WsClient page = new WsClient(base)) {
            page.subscribe(Topics.WS_SIGNAL_VCP);
            Set<String> onScreen = new HashSet<>();
            int ticksReceived = 0;
            int ticksSent = 0;
            int requests = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Instant roundStart = Instant.now();
                List<Signal> signals = page(firstTicker, round);
                String eventId = publish(signals, round).eventId().toString();
                JsonNode update = page.await(m -> m.path("data").path("event_id").asText().equals(eventId), WAIT);
                int acksBefore = count(page, "subscribed");

                // As the page does after every signal_update: every price topic off, the new ones on, in one burst.
                List<String> burst = new ArrayList<>();
                onScreen.forEach(t -> burst.add("{\"type\": \"unsubscribe\", \"topic\": \"price:" + t + "\"}"));
                onScreen.clear();
                update.get("data").get("signals").forEach(s -> onScreen.add(s.get("ticker").asText()));
                onScreen.forEach(t -> burst.add("{\"type\": \"subscribe\", \"topic\": \"price:" + t + "\"}"));
                burst.forEach(page::send);
                requests += burst.size();
                awaitCount(page, "subscribed", acksBefore + onScreen.size());

                long price = 20_000 + round;
                KafkaTopics.produceKeyed(bootstrap, Topics.KAFKA_PRICES, onScreen.stream().map(t -> Map.entry(t,
                        Json.write(PriceTicked.of(t, price, price - 20_000, 0.01, 1_000, LocalDateTime.now()))))
                        .toList());
                ticksSent += onScreen.size();
                for (String ticker : onScreen) {
                    page.await(m -> m.path("type").asText().equals("price_update")
                            && m.path("ticker").asText().equals(ticker) && m.path("data").path("price").asLong() == price,
                            WAIT);
                    ticksReceived++;
                }
                // The page's own pace: a signal_update every second or so.
                Thread.sleep(Math.max(0, 1_000 - Duration.between(roundStart, Instant.now()).toMillis()));
            }

            assertTrue(page.isOpen(), "the page was cut off");
            assertEquals(List.of(), page.received().stream().filter(m -> m.path("type").asText().equals("error"))
                    .toList(), "no error, ever");
            // The page shows every market's latest list: ours, and whatever other tests left for KOSDAQ.
            assertTrue(onScreen.size() >= PAGE, "on screen: " + onScreen.size());
            assertEquals(ticksSent, ticksReceived);
            assertEquals(requests, count(page, "subscribed") + count(page, "unsubscribed") - 1,
                    "every subscribe and unsubscribe acknowledged");
        }
    }

    private static void awaitCount(WsClient client, String type, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (count(client, type) < atLeast) {
            assertTrue(Instant.now().isBefore(deadline), atLeast + " " + type + " expected, " + count(client, type)
                    + " received");
            Thread.sleep(10);
        }
    }

    private static int count(WsClient client, String type) {
        return (int) client.received().stream().filter(m -> m.path("type").asText().equals(type)).count();
    }
}
