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
     * (on any replica) and started after {@code staleBefore}; returns that scan instead.
     */
    public Uni<Optional<ScanEntity>> startUnlessOverlapping(ScanEntity scan, Instant staleBefore) {
        return AdvisoryLocks.lock(AdvisoryLocks.SCAN_START)
                .chain(() -> find("status = ?1 and startedAt > ?2 and (market = 'ALL' or ?3 = 'ALL' or market = ?3)",
                        ScanStatus.RUNNING, staleBefore, scan.market).<ScanEntity>firstResult())
                .chain(running -> running != null ? Uni.createFrom().item(Optional.of(running))
                        : persist(scan).replaceWith(Optional.<ScanEntity>empty()));
    }

    /** The oldest scan running now on any replica, unless it started before {@code staleBefore}; null when none. */
    public Uni<ScanEntity> running(Instant staleBefore) {
        return find("status = ?1 and startedAt > ?2 order by startedAt", ScanStatus.RUNNING, staleBefore).firstResult();
    }

    /** The scan that finished last, successful or not; null before the first. */
    public Uni<ScanEntity> lastFinished() {
        return find("status <> ?1 and finishedAt is not null order by finishedAt desc", ScanStatus.RUNNING).firstResult();
    }
}
