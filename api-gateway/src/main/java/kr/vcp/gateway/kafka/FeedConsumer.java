package kr.vcp.gateway.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kr.vcp.gateway.hub.Hub;
import kr.vcp.gateway.hub.TopicMessage;
import kr.vcp.model.Json;
import kr.vcp.model.MarketStateChanged;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the three feeds, scans, prices and market state, in batches (every instance in a consumer group of its own,
 * from the start of each topic) and hands each batch to the hub as one: the hub writes a batch's messages to a client
 * and then flushes once. A record that cannot be read is set aside and the batch goes on.
 */
@ApplicationScoped
public class FeedConsumer {

    /** The incoming channel: {@link Topics#KAFKA_SIGNALS}, {@link Topics#KAFKA_PRICES}, {@link Topics#KAFKA_MARKET}. */
    public static final String CHANNEL = "vcp-feeds";

    /** Records read of prices and market state, and set aside, for {@code /ws/stats} (SignalFeed counts scans). */
    public record Counts(long prices, long market, long rejected) {
    }

    private final Hub hub;
    private final SignalFeed signals;
    private final CatchUp catchUp;
    private final DeadLetters deadLetters;
    private final AtomicLong priceRecords = new AtomicLong();
    private final AtomicLong marketRecords = new AtomicLong();

    public FeedConsumer(Hub hub, SignalFeed signals, @Identifier(CatchUp.NAME) CatchUp catchUp,
            DeadLetters deadLetters) {
        this.hub = hub;
        this.signals = signals;
        this.catchUp = catchUp;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    public void consume(ConsumerRecords<String, String> records) {
        List<TopicMessage> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                message(record, batch);
            } catch (IllegalArgumentException e) {
                deadLetters.setAside(record, e.getMessage());
            }
            catchUp.read(record);
        }
        hub.publish(batch);
        catchUp.checkDone();
    }

    /** Adds what {@code record} makes for the hub, if anything; {@link IllegalArgumentException} if unreadable. */
    private void message(ConsumerRecord<String, String> record, List<TopicMessage> batch) {
        switch (record.topic()) {
            case Topics.KAFKA_SIGNALS ->
                    signals.accept(readSignals(record.value()), record.timestamp()).ifPresent(batch::add);
            case Topics.KAFKA_PRICES -> {
                priceRecords.incrementAndGet();
                PriceTicked tick = readPrice(record.value());
                batch.add(TopicMessage.of(Topics.price(tick.ticker()), ServerMessage.PriceUpdate.of(tick),
                        record.timestamp()));
            }
            case Topics.KAFKA_MARKET -> {
                marketRecords.incrementAndGet();
                MarketStateChanged event = readMarket(record.value());
                ServerMessage message = event instanceof MarketStateChanged.IndexUpdated index
                        ? ServerMessage.IndexUpdate.of(index)
                        : ServerMessage.MarketGateUpdate.of((MarketStateChanged.MarketGateChanged) event);
                batch.add(TopicMessage.of(event.wsTopic(), message, record.timestamp()));
            }
            default -> throw new IllegalArgumentException("no feed reads topic " + record.topic());
        }
    }

    public Counts counts() {
        return new Counts(priceRecords.get(), marketRecords.get(), deadLetters.count());
    }

    /** Reads and checks a scan event; {@link IllegalArgumentException} says why it cannot be used. */
    public static SignalsScanned readSignals(String value) {
        SignalsScanned event = read(value, SignalsScanned.class);
        schema(event.schemaVersion(), SignalsScanned.SCHEMA_VERSION);
        if (event.eventId() == null || event.signalDate() == null || event.producedAt() == null) {
            throw new IllegalArgumentException("event_id, signal_date and produced_at are required");
        }
        return event;
    }

    static PriceTicked readPrice(String value) {
        PriceTicked tick = read(value, PriceTicked.class);
        schema(tick.schemaVersion(), PriceTicked.SCHEMA_VERSION);
        if (!Topics.isKrxCode(tick.ticker()) || tick.price() <= 0 || tick.tradedAt() == null) {
            throw new IllegalArgumentException("a tick needs a KRX ticker, a positive price and traded_at");
        }
        return tick;
    }

    static MarketStateChanged readMarket(String value) {
        MarketStateChanged event = read(value, MarketStateChanged.class);
        schema(event.schemaVersion(), MarketStateChanged.SCHEMA_VERSION);
        if (event instanceof MarketStateChanged.IndexUpdated index && (index.name() == null || index.at() == null)) {
            throw new IllegalArgumentException("an index_updated event needs name and at");
        }
        if (!Topics.isWsTopic(event.wsTopic())) {
            throw new IllegalArgumentException("no WebSocket topic " + event.wsTopic());
        }
        return event;
    }

    private static <T> T read(String value, Class<T> type) {
        try {
            return Json.MAPPER.readValue(value, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " event: " + e.getMessage(), e);
        }
    }

    private static void schema(int version, int known) {
        if (version != known) {
            throw new IllegalArgumentException("schema_version " + version + " is not " + known);
        }
    }
}
