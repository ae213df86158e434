package kr.vcp.gateway.kafka;

import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import kr.vcp.gateway.hub.TopicMessage;
import kr.vcp.model.Krx;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;

/**
 * Turns scan events into the VCP page: each event is merged into the page (the latest result of each market) and the
 * page's complete list becomes the next {@code signal_update} of {@code signal:vcp}. Kafka delivers at least once:
 * an event seen before is dropped, so a client sees each event once.
 */
@Singleton
public class SignalFeed {

    /** Counters for {@code /ws/stats}. */
    public record Stats(long eventsReceived, long eventsDuplicate, int signals, UUID lastEventId, Instant lastEventAt) {
    }

    /** Event ids remembered to drop redeliveries; far more than the events of any replay window. */
    private static final int SEEN_CAPACITY = 100_000;

    private final SignalBoard board = new SignalBoard();
    private final Set<UUID> seen = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > SEEN_CAPACITY;
        }
    });
    private long eventsReceived;
    private long eventsDuplicate;
    private UUID lastEventId;
    private Instant lastEventAt;

    /**
     * The page after {@code event}, or nothing when the event was seen before or is for a day older than the page.
     *
     * @param kafkaTimestampMillis the record's timestamp, from which delivery lag is measured
     */
    public synchronized Optional<TopicMessage> accept(SignalsScanned event, long kafkaTimestampMillis) {
        eventsReceived++;
        if (!seen.add(event.eventId())) {
            eventsDuplicate++;
            Log.infof("Event %s delivered again: dropped", event.eventId());
            return Optional.empty();
        }
        lastEventId = event.eventId();
        lastEventAt = Instant.now();
        if (!board.apply(event)) {
            Log.infof("Event %s is for %s, older than the page: not broadcast", event.eventId(), event.signalDate());
            return Optional.empty();
        }
        List<Signal> page = board.signals();
        Log.infof("Event %s (scan %s, %s): page of %d signals", event.eventId(), event.scanId(), event.market(),
                page.size());
        return Optional.of(TopicMessage.of(Topics.WS_SIGNAL_VCP, update(page, event), kafkaTimestampMillis));
    }

    /**
     * {@code events} as the page looked after each of them, from an empty page, for {@code debug:signal:vcp}; the
     * traders' page is untouched.
     */
    public static List<TopicMessage> replay(List<SignalsScanned> events) {
        SignalBoard replayed = new SignalBoard();
        List<TopicMessage> pages = new ArrayList<>(events.size());
        for (SignalsScanned event : events) {
            replayed.apply(event);
            pages.add(TopicMessage.of(Topics.WS_DEBUG_SIGNAL_VCP, update(replayed.signals(), event), -1));
        }
        return pages;
    }

    public synchronized Stats stats() {
        return new Stats(eventsReceived, eventsDuplicate, board.signals().size(), lastEventId, lastEventAt);
    }

    private static ServerMessage.SignalUpdate update(List<Signal> page, SignalsScanned cause) {
        return ServerMessage.SignalUpdate.of(page, LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.MICROS),
                cause.eventId());
    }
}
