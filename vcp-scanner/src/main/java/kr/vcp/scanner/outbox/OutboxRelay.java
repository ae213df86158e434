package kr.vcp.scanner.outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.outbox.OutboxRepository.Pending;

/**
 * Publishes outbox events to Kafka in commit order: woken right after a commit, and polled as a safety net (events
 * of a replica that died before relaying). An event is marked sent only once the broker acknowledged it; while
 * Kafka is unreachable the relay retries with exponential backoff, and events wait in PostgreSQL.
 */
@ApplicationScoped
public class OutboxRelay {

    /** What one batch did. */
    private record BatchResult(int published, boolean full, Throwable failure) {
    }

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final ScannerConfig.Outbox config;
    private final Vertx vertx;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
    private final AtomicBoolean backingOff = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, ScannerConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config.outbox();
        this.vertx = vertx;
    }

    /** Publishes whatever is pending now, unless a retry is already scheduled. */
    public void wake() {
        if (backingOff.get()) {
            return;
        }
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return;
        }
        relayBatch().subscribe().with(this::afterBatch, failure -> afterBatch(new BatchResult(0, false, failure)));
    }

    @Scheduled(every = "${vcp.outbox.poll-interval:5s}", delayed = "1s")
    void poll() {
        wake();
    }

    private void afterBatch(BatchResult result) {
        draining.set(false);
        if (result.failure() != null) {
            int n = failures.incrementAndGet();
            long delay = Math.min(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() << Math.min(n - 1, 20));
            Log.warnf("Outbox relay: Kafka did not acknowledge (%s); attempt %d, retrying in %d ms",
                    result.failure().getMessage(), n, delay);
            backingOff.set(true);
            vertx.setTimer(delay, id -> {
                backingOff.set(false);
                wake();
            });
            return;
        }
        if (failures.getAndSet(0) > 0) {
            Log.info("Outbox relay: Kafka acknowledges again");
        }
        if (result.full() || wokenWhileDraining.getAndSet(false)) {
            wake();
        }
    }

    private Uni<BatchResult> relayBatch() {
        int limit = config.batchSize();
        return outbox.withPendingBatch(limit, new BatchResult(0, false, null),
                (conn, pending) -> publishInOrder(conn, pending)
                        .map(result -> new BatchResult(result.published(), pending.size() == limit, result.failure())));
    }

    /**
     * Hands the whole batch to the producer at once, in order, and waits for every acknowledgement: the idempotent
     * producer (acks=all) pipelines them and keeps their order per partition, where waiting for each in turn made a
     * whole-market import's 2,800 closing prices take seconds. The acknowledged prefix is marked sent in one statement;
     * from the first failure on, events stay pending and go again in order (one acknowledged after the failed one then
     * arrives twice, and the gateway drops the second copy by its event id).
     */
    private Uni<BatchResult> publishInOrder(SqlConnection conn, List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(new BatchResult(0, false, null));
        }
        return publisher.sendInOrder(pending, config.sendTimeout()).chain(outcomes -> {
            int acked = 0;
            while (acked < outcomes.size() && outcomes.get(acked) == null) {
                acked++;
            }
            List<Pending> sent = pending.subList(0, acked);
            Throwable failure = acked < outcomes.size() ? outcomes.get(acked) : null;
            Uni<Void> marked = sent.isEmpty() ? Uni.createFrom().voidItem()
                    : OutboxRepository.markPublished(conn, sent.stream().map(Pending::id).toList())
                            .invoke(() -> Log.infof("Outbox: %d event(s) published, %s to %s", sent.size(),
                                    sent.get(0).eventId(), sent.get(sent.size() - 1).eventId()));
            return failure == null ? marked.replaceWith(new BatchResult(acked, false, null))
                    : marked.chain(() -> OutboxRepository.markFailed(conn, pending.get(sent.size()).id(),
                            String.valueOf(failure.getMessage())))
                            .replaceWith(new BatchResult(acked, false, failure));
        });
    }
}
