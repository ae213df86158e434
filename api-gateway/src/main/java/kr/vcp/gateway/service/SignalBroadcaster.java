package kr.vcp.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;

/**
 * Turns scan events into {@code signal_update} messages for every {@code signal:vcp} subscriber. Each update
 * carries the page's complete list, is serialised once, and the same text goes into every subscriber's own
 * outbound queue. Started and stopped with the application; on shutdown clients get a going-away close.
 */
@ApplicationScoped
public class SignalBroadcaster {

    /** Counters for {@code /ws/stats}. */
    public record Stats(boolean running, long eventsReceived, long eventsDuplicate, int signals, UUID lastEventId,
            Instant lastEventAt) {
    }

    /** Event ids remembered to drop redeliveries; far more than the events of any replay window. */
    private static final int SEEN_CAPACITY = 100_000;

    private final ConnectionManager connections;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong eventsDuplicate = new AtomicLong();
    /** Guards the board and orders updates: a subscriber's snapshot and a broadcast never interleave. */
    private final Object lock = new Object();
    private final SignalBoard board = new SignalBoard();
    private final Set<UUID> seen = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > SEEN_CAPACITY;
        }
    });
    private EncodedText currentUpdate;
    private volatile UUID lastEventId;
    private volatile Instant lastEventAt;

    public SignalBroadcaster(ConnectionManager connections) {
        this.connections = connections;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /**
     * Shutdown begins (quarkus.shutdown.delay-enabled): readiness turns DOWN, broadcasting stops and every client
     * gets a going-away close (1001) while the HTTP server still runs, so it reconnects elsewhere at once.
     */
    void onShutdownStarts(@Observes ShutdownDelayInitiatedEvent event) {
        goAway();
    }

    /** The same, when no shutdown delay is configured (the server may then close clients first, with 1000). */
    void onStop(@Observes ShutdownEvent event) {
        goAway();
    }

    private void goAway() {
        stop();
        List<Uni<Void>> closes = connections.sessions().stream()
                .map(s -> s.close(ClientSession.GOING_AWAY).onFailure().recoverWithNull()).toList();
        if (!closes.isEmpty()) {
            Log.infof("Closing %d connections: server shutting down", closes.size());
            // Shutdown runs on its own thread: waiting here lets the close frames leave before the server stops.
            Uni.join().all(closes).andCollectFailures().onFailure().recoverWithNull()
                    .await().atMost(Duration.ofSeconds(5));
        }
    }

    public void start() {
        if (running.compareAndSet(false, true)) {
            Log.info("Signal broadcaster started");
        }
    }

    public void stop() {
        if (running.compareAndSet(true, false)) {
            Log.info("Signal broadcaster stopped");
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    /**
     * Applies a scan event to the page and, while running, sends the page to every subscriber. An event seen before
     * (Kafka delivers at least once) is dropped, so a client sees each event once. A stopped broadcaster still keeps
     * the page current, so it sends the right list when it starts again.
     *
     * @param kafkaTimestampMillis the record's timestamp, from which delivery lag is measured
     */
    public void accept(SignalsScanned event, long kafkaTimestampMillis) {
        eventsReceived.incrementAndGet();
        synchronized (lock) {
            if (!seen.add(event.eventId())) {
                eventsDuplicate.incrementAndGet();
                Log.infof("Event %s delivered again: dropped", event.eventId());
                return;
            }
            lastEventId = event.eventId();
            lastEventAt = Instant.now();
            if (!board.apply(event)) {
                Log.infof("Event %s is for %s, older than the page: not broadcast", event.eventId(), event.signalDate());
                return;
            }
            currentUpdate = EncodedText.of(Json.write(update(board, event)));
            if (!running.get()) {
                return;
            }
            var subscribers = connections.subscribers(Topics.WS_SIGNAL_VCP);
            ClientSession.sendAll(subscribers, currentUpdate, kafkaTimestampMillis);
            Log.infof("Event %s (scan %s, %s): %d signals to %d subscribers", event.eventId(), event.scanId(),
                    event.market(), board.signals().size(), subscribers.size());
        }
    }

    /**
     * Sends {@code events} to the {@code debug:signal:vcp} subscribers as the page looked after each of them, from
     * an empty page; traders' page and its state are untouched. Returns how many messages went out.
     */
    public int replay(List<SignalsScanned> events) {
        SignalBoard replayed = new SignalBoard();
        var subscribers = connections.subscribers(Topics.WS_DEBUG_SIGNAL_VCP);
        int sent = 0;
        for (SignalsScanned event : events) {
            replayed.apply(event);
            EncodedText text = EncodedText.of(Json.write(update(replayed, event)));
            for (ClientSession session : subscribers) {
                sent += session.send(text, -1) ? 1 : 0;
            }
        }
        return sent;
    }

    /** Subscribes a session to {@code signal:vcp} and queues the current page for it, if there is one. */
    public ConnectionManager.Subscription subscribe(ClientSession session) {
        synchronized (lock) {
            ConnectionManager.Subscription result = connections.subscribe(session, Topics.WS_SIGNAL_VCP);
            if (result == ConnectionManager.Subscription.ADDED && currentUpdate != null && running.get()) {
                session.send(currentUpdate, -1);
            }
            return result;
        }
    }

    public Stats stats() {
        int signals;
        synchronized (lock) {
            signals = board.signals().size();
        }
        return new Stats(running.get(), eventsReceived.get(), eventsDuplicate.get(), signals, lastEventId, lastEventAt);
    }

    private static ServerMessage.SignalUpdate update(SignalBoard board, SignalsScanned cause) {
        return ServerMessage.SignalUpdate.of(board.signals(), LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.MICROS),
                cause.eventId());
    }
}
