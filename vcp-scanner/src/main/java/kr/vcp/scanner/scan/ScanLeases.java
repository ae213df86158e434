package kr.vcp.scanner.scan;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.scanner.config.ScannerConfig;

/**
 * What this replica runs is held under leases in PostgreSQL: its scans and its claimed scheduled runs. Every
 * {@code vcp.scan.lease-renewal} the replica renews them and marks FAILED any scan whose lease has run out, so a scan
 * of a replica that died blocks others for {@code vcp.scan.lease} at most and does not stay RUNNING.
 */
@ApplicationScoped
public class ScanLeases {

    /** This replica, as scans and scheduled runs name their owner. */
    public static final String REPLICA = ManagementFactory.getRuntimeMXBean().getName();

    private final Set<UUID> scans = ConcurrentHashMap.newKeySet();
    private final Set<OffsetDateTime> slots = ConcurrentHashMap.newKeySet();
    private final Pool pool;
    private final ScannerConfig.Scan config;

    public ScanLeases(Pool pool, ScannerConfig config) {
        this.pool = pool;
        this.config = config.scan();
    }

    /** The end of a lease taken or renewed now. */
    public Instant until() {
        return Instant.now().plus(config.lease());
    }

    void holdScan(UUID scan) {
        scans.add(scan);
    }

    void releaseScan(UUID scan) {
        scans.remove(scan);
    }

    void holdSlot(Instant slot) {
        slots.add(slot.atOffset(ZoneOffset.UTC));
    }

    void releaseSlot(Instant slot) {
        slots.remove(slot.atOffset(ZoneOffset.UTC));
    }

    @Scheduled(identity = "vcp-scan-leases", every = "${vcp.scan.lease-renewal}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renew() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime until = until().atOffset(ZoneOffset.UTC);
        Uni<Void> renewScans = scans.isEmpty() ? Uni.createFrom().voidItem() : pool
                .preparedQuery("UPDATE scans SET lease_until = $1 WHERE id = ANY($2) AND status = 'RUNNING'")
                .execute(Tuple.of(until, scans.toArray(UUID[]::new))).replaceWithVoid();
        Uni<Void> renewSlots = slots.isEmpty() ? Uni.createFrom().voidItem() : pool
                .preparedQuery("UPDATE scheduled_runs SET lease_until = $1 WHERE slot = ANY($2) AND finished_at IS NULL")
                .execute(Tuple.of(until, slots.toArray(OffsetDateTime[]::new))).replaceWithVoid();
        return renewScans.chain(() -> renewSlots).chain(() -> expire(now));
    }

    /** Marks FAILED every running scan whose lease ran out before {@code now}, on whichever replica it ran. */
    Uni<Void> expire(OffsetDateTime now) {
        return pool.preparedQuery("UPDATE scans SET status = 'FAILED', finished_at = $1, error = 'its replica ('"
                        + " || coalesce(owner, 'unknown') || ') stopped renewing its lease: taken as dead'"
                        + " WHERE status = 'RUNNING' AND lease_until < $1 RETURNING id, owner")
                .execute(Tuple.of(now))
                .invoke(rows -> {
                    for (Row row : rows) {
                        Log.warnf("Scan %s of replica %s: its lease ran out, marked FAILED", row.getUUID("id"),
                                row.getString("owner"));
                    }
                })
                .replaceWithVoid();
    }
}
