package kr.vcp.scanner.scan;

import kr.vcp.scanner.db.Leases;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import io.vertx.mutiny.core.Vertx;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.model.MarketScope;

/**
 * The daily scan on the cron schedule (by default weekdays 15:40 in Seoul, after the 15:30 close). Every replica
 * fires; the one that claims the slot in PostgreSQL scans, the others watch the claim until the run is done and take
 * it over if its replica dies, so each run happens once, and happens.
 */
@ApplicationScoped
public class ScheduledScans {

    private final ScanService scans;
    private final ScheduleRepository schedule;
    private final Leases leases;
    private final ScannerConfig.Schedule config;
    private final Vertx vertx;

    public ScheduledScans(ScanService scans, ScheduleRepository schedule, Leases leases, ScannerConfig config,
            Vertx vertx) {
        this.vertx = vertx;
        this.scans = scans;
        this.schedule = schedule;
        this.leases = leases;
        this.config = config.schedule();
    }

    @Scheduled(identity = "vcp-scan", cron = "${vcp.schedule.cron}", timeZone = "Asia/Seoul",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule(ScheduledExecution execution) {
        Instant slot = execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS);
        Instant next = execution.getTrigger().getNextFireTime();
        return run(slot, next != null ? next : slot.plus(Duration.ofDays(1)));
    }

    /**
     * Runs the scheduled scans of {@code slot} unless another replica runs or ran them; until {@code until} (the slot
     * has passed), a run another replica holds is watched and taken over when that replica's lease runs out.
     */
    public Uni<Void> run(Instant slot, Instant until) {
        return attempt(slot, until, true);
    }

    private Uni<Void> attempt(Instant slot, Instant until, boolean first) {
        return schedule.claim(slot, Leases.REPLICA, leases.until()).chain(claim -> switch (claim) {
            case CLAIMED -> scanAll(slot, until, first);
            case DONE -> {
                if (first) {
                    Log.infof("Scheduled run %s already claimed by another replica and done: skipped", slot);
                }
                yield Uni.createFrom().voidItem();
            }
            case HELD -> {
                if (first) {
                    Log.infof("Scheduled run %s already claimed by another replica: taken over if that one dies", slot);
                }
                // The next fire must find this one finished (concurrentExecution = SKIP), so the watch ends before it.
                if (Instant.now().plus(config.retryEvery().multipliedBy(2)).isAfter(until)) {
                    yield Uni.createFrom().voidItem();
                }
                yield later().chain(() -> attempt(slot, until, false));
            }
        });
    }

    private Uni<Void> scanAll(Instant slot, Instant until, boolean first) {
        leases.holdSlot(slot);
        Log.infof(first ? "Scheduled run %s: scanning %s" : "Scheduled run %s: taken over from a replica that stopped"
                + " renewing its claim, scanning %s", slot, config.markets());
        return Multi.createFrom().iterable(config.markets())
                .onItem().transformToUniAndConcatenate(scope -> scan(scope, until)
                        .onFailure().recoverWithItem(e -> {
                            Log.errorf("Scheduled run %s: scan of %s failed: %s", slot, scope, e.getMessage());
                            return (UUID) null;
                        }))
                .filter(Objects::nonNull)
                .collect().asList()
                .chain(ids -> schedule.finish(slot, ids))
                .eventually(() -> leases.releaseSlot(slot));
    }

    /** Scans {@code scope}; while another scan of its markets runs, tries again every retry-every until {@code until}. */
    private Uni<UUID> scan(MarketScope scope, Instant until) {
        return Uni.createFrom().deferred(() -> scans.scan(new ScanCommand(scope, config.topN(), config.minScore(), null, null),
                        ScanTrigger.SCHEDULE))
                .map(outcome -> outcome.scan().id)
                .onFailure(ScanConflictException.class).recoverWithUni(conflict ->
                        Instant.now().plus(config.retryEvery()).isBefore(until)
                                ? later().chain(() -> scan(scope, until))
                                : Uni.createFrom().failure(conflict));
    }

    /**
     * After retry-every, on this same Vert.x context: a scan's transaction needs it, where Mutiny's own delays
     * would go on on a worker thread.
     */
    private Uni<Void> later() {
        return Uni.createFrom().emitter(done -> vertx.setTimer(config.retryEvery().toMillis(), id -> done.complete(null)));
    }
}
