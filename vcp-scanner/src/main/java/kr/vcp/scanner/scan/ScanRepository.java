package kr.vcp.scanner.scan;

import kr.vcp.scanner.db.AdvisoryLocks;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ScanRepository implements PanacheRepositoryBase<ScanEntity, UUID> {

    /**
     * Within the caller's transaction: stores {@code scan} as running unless a scan covering one of its markets runs
     * (on any replica) under a lease that has not run out at {@code now}; returns that scan instead.
     */
    public Uni<Optional<ScanEntity>> startUnlessOverlapping(ScanEntity scan, Instant now) {
        return AdvisoryLocks.lock(AdvisoryLocks.SCAN_START)
                .chain(() -> find("status = ?1 and leaseUntil > ?2 and (market = 'ALL' or ?3 = 'ALL' or market = ?3)",
                        ScanStatus.RUNNING, now, scan.market).<ScanEntity>firstResult())
                .chain(running -> running != null ? Uni.createFrom().item(Optional.of(running))
                        : persist(scan).replaceWith(Optional.<ScanEntity>empty()));
    }

    /** The oldest scan running at {@code now} on any replica under a live lease; null when none. */
    public Uni<ScanEntity> running(Instant now) {
        return find("status = ?1 and leaseUntil > ?2 order by startedAt", ScanStatus.RUNNING, now).firstResult();
    }

    /** The scan that finished last, successful or not; null before the first. */
    public Uni<ScanEntity> lastFinished() {
        return find("status <> ?1 and finishedAt is not null order by finishedAt desc", ScanStatus.RUNNING).firstResult();
    }
}
