package kr.vcp.scanner.db;

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
 * What this replica runs is held under leases in PostgreSQL: its scans, its claimed scheduled runs and its backtests.
 * Every {@code vcp.scan.lease-renewal} the replica renews them and marks FAILED any scan or backtest whose lease has
 * run out, so the work of a replica that died blocks others for {@code vcp.scan.lease} at most and does not stay
 * RUNNING.
 */
@ApplicationScoped
public class Leases {

    /** This replica, as scans and scheduled runs name their owner. */
    public static final String REPLICA = ManagementFactory.getRuntimeMXBean().getName();

    private final Set<UUID> scans = ConcurrentHashMap.newKeySet();
    private final Set<UUID> backtests = ConcurrentHashMap.newKeySet();
    private final Set<OffsetDateTime> slots = ConcurrentHashMap.newKeySet();
    private final Pool pool;
    private final ScannerConfig.Scan config;

    public Leases(Pool pool, ScannerConfig config) {
        this.pool = pool;
        this.config = config.scan();
    }

    /** The end of a lease taken or renewed now. */
    public Instant until() {
        return Instant.now().plus(config.lease());
    }

    public void holdScan(UUID scan) {
        scans.add(scan);
    }

    public void releaseScan(UUID scan) {
        scans.remove(scan);
    }

    public void holdSlot(Instant slot) {
        slots.add(slot.atOffset(ZoneOffset.UTC));
    }

    public void releaseSlot(Instant slot) {
        slots.remove(slot.atOffset(ZoneOffset.UTC));
    }

    public void holdBacktest(UUID backtest) {
        backtests.add(backtest);
    }

    public void releaseBacktest(UUID backtest) {
        backtests.remove(backtest);
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
        Uni<Void> renewBacktests = backtests.isEmpty() ? Uni.createFrom().voidItem() : pool
                .preparedQuery("UPDATE backtests SET lease_until = $1 WHERE id = ANY($2) AND status = 'RUNNING'")
                .execute(Tuple.of(until, backtests.toArray(UUID[]::new))).replaceWithVoid();
        return renewScans.chain(() -> renewSlots).chain(() -> renewBacktests)
                .chain(() -> expire("scans", "Scan", now)).chain(() -> expire("backtests", "Backtest", now));
    }

    /** Marks FAILED every running row of {@code table} whose lease ran out before {@code now}, whoever ran it. */
    private Uni<Void> expire(String table, String what, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE " + table + " SET status = 'FAILED', finished_at = $1, error = 'its replica ('"
                        + " || coalesce(owner, 'unknown') || ') stopped renewing its lease: taken as dead'"
                        + " WHERE status = 'RUNNING' AND lease_until < $1 RETURNING id, owner")
                .execute(Tuple.of(now))
                .invoke(rows -> {
                    for (Row row : rows) {
                        Log.warnf("%s %s of replica %s: its lease ran out, marked FAILED", what, row.getUUID("id"),
                                row.getString("owner"));
                    }
                })
                .replaceWithVoid();
    }
}
