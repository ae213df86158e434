package kr.vcp.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
 * carries the page's complete list and is serialised once, then the same text goes to every subscriber.
 * Started and stopped with the application.
 */
@ApplicationScoped
public class SignalBroadcaster {

    /** Counters for {@code /ws/stats}. */
    public record Stats(boolean running, long eventsReceived, long messagesSent, long sendFailures, int signals,
            UUID lastEventId, Instant lastEventAt) {
    }

    private final ConnectionManager connections;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    /** Guards the board and orders updates: a subscriber's snapshot and a broadcast never interleave. */
    private final Object lock = new Object();
    private final SignalBoard board = new SignalBoard();
    private String currentUpdate;
    private volatile UUID lastEventId;
    private volatile Instant lastEventAt;

    public SignalBroadcaster(ConnectionManager connections) {
        this.connections = connections;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
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
     * Applies a scan event to the page and, while running, sends the page to every subscriber. A stopped
     * broadcaster still keeps the page current, so it sends the right list when it starts again.
     */
    public void accept(SignalsScanned event) {
        eventsReceived.incrementAndGet();
        lastEventId = event.eventId();
        lastEventAt = Instant.now();
        synchronized (lock) {
            if (!board.apply(event)) {
                Log.infof("Event %s is for %s, older than the page: not broadcast", event.eventId(), event.signalDate());
                return;
            }
            currentUpdate = Json.write(ServerMessage.SignalUpdate.of(board.signals(),
                    LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.MICROS)));
            if (!running.get()) {
                return;
            }
            var subscribers = connections.subscribers(Topics.WS_SIGNAL_VCP);
            Log.infof("Event %s (scan %s, %s): %d signals to %d subscribers", event.eventId(), event.scanId(),
                    event.market(), board.signals().size(), subscribers.size());
            subscribers.forEach(connection -> send(connection, currentUpdate));
        }
    }

    /** Subscribes a connection to {@code signal:vcp} and sends it the current page, if there is one. */
    public boolean subscribe(WebSocketConnection connection) {
        synchronized (lock) {
            boolean added = connections.subscribe(connection, Topics.WS_SIGNAL_VCP);
            if (added && currentUpdate != null && running.get()) {
                send(connection, currentUpdate);
            }
            return added;
        }
    }

    public Optional<String> currentUpdate() {
        synchronized (lock) {
            return Optional.ofNullable(currentUpdate);
        }
    }

    public Stats stats() {
        int signals;
        synchronized (lock) {
            signals = board.signals().size();
        }
        return new Stats(running.get(), eventsReceived.get(), messagesSent.get(), sendFailures.get(), signals,
                lastEventId, lastEventAt);
    }

    private void send(WebSocketConnection connection, String text) {
        connection.sendText(text).subscribe().with(
                ok -> messagesSent.incrementAndGet(),
                failure -> {
                    sendFailures.incrementAndGet();
                    Log.debugf("Could not send to connection %s: %s", connection.id(), failure.getMessage());
                });
    }
}
