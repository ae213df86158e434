package kr.vcp.scanner.backtest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The {@code backtests} table (V10), on the reactive client: a run outlives the request that started it, so its
 * writes are not tied to that request's session.
 */
@ApplicationScoped
public class BacktestRepository {

    /** A stored backtest as read back. */
    public record Stored(UUID id, String status, String request, int days, String report, String error,
            Instant startedAt, Instant finishedAt) {
    }

    private final Pool pool;

    public BacktestRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stored as running on {@code owner}, under a lease until {@code leaseUntil}. */
    Uni<Void> started(UUID id, String request, int days, Instant at, String owner, Instant leaseUntil) {
        return pool.preparedQuery("INSERT INTO backtests (id, status, request, days, started_at, owner, lease_until)"
                        + " VALUES ($1, 'RUNNING', $2, $3, $4, $5, $6)")
                .execute(Tuple.from(java.util.List.of(id, request, days, at.atOffset(ZoneOffset.UTC), owner,
                        leaseUntil.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    Uni<Void> succeeded(UUID id, String report) {
        return pool.preparedQuery("UPDATE backtests SET status = 'SUCCEEDED', report = $2, finished_at = now()"
                + " WHERE id = $1").execute(Tuple.of(id, report)).replaceWithVoid();
    }

    Uni<Void> failed(UUID id, String error) {
        return pool.preparedQuery("UPDATE backtests SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1")
                .execute(Tuple.of(id, error)).replaceWithVoid();
    }

    /** The backtest {@code id}; null when none is stored. */
    Uni<Stored> find(UUID id) {
        return one("SELECT * FROM backtests WHERE id = $1", Tuple.of(id));
    }

    /** The backtest that succeeded last; null before the first. */
    Uni<Stored> latestSucceeded() {
        return one("SELECT * FROM backtests WHERE status = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1", Tuple.tuple());
    }

    private Uni<Stored> one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row r = rows.iterator().next();
            return new Stored(r.getUUID("id"), r.getString("status"), r.getString("request"), r.getInteger("days"),
                    r.getString("report"), r.getString("error"), r.getOffsetDateTime("started_at").toInstant(),
                    r.getOffsetDateTime("finished_at") == null ? null : r.getOffsetDateTime("finished_at").toInstant());
        });
    }
}
