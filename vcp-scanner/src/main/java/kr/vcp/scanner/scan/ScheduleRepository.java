package kr.vcp.scanner.scan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Scheduled runs claimed by a replica under a lease: a slot (the fire time) is run by whoever claims it first, and
 * claimed again only when its run is not done and its claimant stopped renewing the lease.
 */
@ApplicationScoped
public class ScheduleRepository {

    /** What a replica learns when it asks for a slot. */
    public enum Claim {
        /** Its to run. */
        CLAIMED,
        /** Run to its end by a replica. */
        DONE,
        /** Another replica runs it under a live lease. */
        HELD
    }

    private final Pool pool;

    public ScheduleRepository(Pool pool) {
        this.pool = pool;
    }

    /** {@link Claim#CLAIMED} for exactly one caller at a time per slot, across every replica sharing the database. */
    public Uni<Claim> claim(Instant slot, String claimant, Instant leaseUntil) {
        Instant now = Instant.now();
        return pool.preparedQuery("INSERT INTO scheduled_runs (slot, claimed_by, lease_until) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (slot) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = now(),"
                        + " lease_until = EXCLUDED.lease_until, attempts = scheduled_runs.attempts + 1"
                        + " WHERE scheduled_runs.finished_at IS NULL AND scheduled_runs.lease_until < $4")
                .execute(Tuple.of(slot.atOffset(ZoneOffset.UTC), claimant, leaseUntil.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC)))
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(Claim.CLAIMED) : pool
                        .preparedQuery("SELECT finished_at IS NOT NULL FROM scheduled_runs WHERE slot = $1")
                        .execute(Tuple.of(slot.atOffset(ZoneOffset.UTC)))
                        .map(done -> done.iterator().next().getBoolean(0) ? Claim.DONE : Claim.HELD));
    }

    /** The run of {@code slot} is done, with these scans. */
    public Uni<Void> finish(Instant slot, List<UUID> scanIds) {
        return pool.preparedQuery("UPDATE scheduled_runs SET scan_ids = $2, finished_at = now() WHERE slot = $1")
                .execute(Tuple.of(slot.atOffset(ZoneOffset.UTC), scanIds.toArray(UUID[]::new)))
                .replaceWithVoid();
    }
}
