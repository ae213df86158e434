package kr.vcp.scanner.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import kr.vcp.scanner.db.AdvisoryLocks;
import kr.vcp.scanner.db.CopyRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox table. Appends happen inside the caller's Panache transaction; the relay reads and marks rows over the
 * reactive client, in a transaction of its own.
 */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntity, Long> {

    /** Held by the one relay (of all replicas) publishing a batch, so events leave in id order. */
    private static final long RELAY_LOCK = 0x5643_5002L;

    /** An event as the relay publishes it. */
    public record Pending(long id, UUID eventId, String topic, String key, String payload) {
    }

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** An event to queue: the relay sends {@code payload} to Kafka's {@code topic} under {@code key}. */
    public record Event(UUID eventId, String topic, String key, String payload) {
    }

    /** Within the caller's transaction: queues an event, after every transaction that queued one before it. */
    public Uni<Void> append(UUID eventId, String topic, String key, String payload) {
        return append(List.of(new Event(eventId, topic, key, payload)));
    }

    /** Within the caller's transaction: queues {@code events} in their order. */
    public Uni<Void> append(List<Event> events) {
        List<OutboxEntity> rows = events.stream().map(e -> {
            OutboxEntity row = new OutboxEntity();
            row.eventId = e.eventId();
            row.topic = e.topic();
            row.recordKey = e.key();
            row.payload = e.payload();
            return row;
        }).toList();
        return AdvisoryLocks.lock(AdvisoryLocks.OUTBOX_APPEND)
                .chain(() -> persist(rows))
                .replaceWithVoid();
    }

    /** Within the caller's JDBC transaction (a bulk write's): queues {@code events} in their order. Blocking. */
    public static void append(Connection conn, List<Event> events) throws SQLException {
        try (Statement lock = conn.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + AdvisoryLocks.OUTBOX_APPEND + ")");
        }
        // One COPY: a whole-market import appends 2,800 closing ticks, which took 0.4 s as a batch of inserts.
        CopyRows.copy(conn, "COPY outbox (event_id, topic, record_key, payload) FROM STDIN (FORMAT csv)",
                events.stream().map(e -> List.of(e.eventId().toString(), e.topic(), e.key(), e.payload())));
    }

    /**
     * Runs {@code work} on the oldest unpublished events, in one transaction that also holds the relay lock; when
     * another replica holds it, {@code work} is not run and the result is {@code whenBusy}.
     */
    public <T> Uni<T> withPendingBatch(int limit, T whenBusy, BatchWork<T> work) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ") AS locked")
                .execute()
                .chain(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().item(whenBusy)
                        : conn.preparedQuery("""
                                SELECT id, event_id, topic, record_key, payload FROM outbox
                                WHERE published_at IS NULL ORDER BY id LIMIT $1""").execute(Tuple.of(limit))
                                .chain(rows -> {
                                    List<Pending> pending = new ArrayList<>();
                                    for (Row r : rows) {
                                        pending.add(new Pending(r.getLong("id"), r.getUUID("event_id"),
                                                r.getString("topic"), r.getString("record_key"), r.getString("payload")));
                                    }
                                    return work.apply(conn, pending);
                                })));
    }

    /** Marks events acknowledged by the broker. */
    public static Uni<Void> markPublished(SqlConnection conn, List<Long> ids) {
        return conn.preparedQuery("UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Records a failed attempt; the event stays pending. */
    public static Uni<Void> markFailed(SqlConnection conn, long id, String error) {
        return conn.preparedQuery("UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1")
                .execute(Tuple.of(id, error)).replaceWithVoid();
    }

    /** What the relay does with a batch, on the connection whose transaction holds the relay lock. */
    @FunctionalInterface
    public interface BatchWork<T> {
        Uni<T> apply(SqlConnection conn, List<Pending> pending);
    }
}
