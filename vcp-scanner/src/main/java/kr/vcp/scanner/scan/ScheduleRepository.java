package kr.vcp.scanner.scan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Scheduled runs claimed by a replica: a slot (the fire time) can be claimed once, whoever asks first. */
@ApplicationScoped
public class ScheduleRepository {

    private final Pool pool;

    public ScheduleRepository(Pool pool) {
        this.pool = pool;
    }

    /** True for exactly one caller per slot, across every replica sharing the database. */
    public Uni<Boolean> claim(Instant slot, String claimant) {
        return pool.preparedQuery("INSERT INTO scheduled_runs (slot, claimed_by) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(slot.atOffset(ZoneOffset.UTC), claimant))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> recordScans(Instant slot, List<UUID> scanIds) {
        return pool.preparedQuery("UPDATE scheduled_runs SET scan_ids = $2 WHERE slot = $1")
                .execute(Tuple.of(slot.atOffset(ZoneOffset.UTC), scanIds.toArray(UUID[]::new)))
                .replaceWithVoid();
    }
}
