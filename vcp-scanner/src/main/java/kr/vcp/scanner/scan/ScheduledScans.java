package kr.vcp.scanner.scan;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import kr.vcp.scanner.config.ScannerConfig;

/**
 * The daily scan on the cron schedule (by default weekdays 15:40 in Seoul, after the 15:30 close). Every replica
 * fires; the one that claims the slot in PostgreSQL scans, the others skip, so each run happens once.
 */
@ApplicationScoped
public class ScheduledScans {

    /** Who claimed a slot, for the scheduled_runs table and the logs. */
    static final String CLAIMANT = ManagementFactory.getRuntimeMXBean().getName();

    private final ScanService scans;
    private final ScheduleRepository schedule;
    private final ScannerConfig.Schedule config;

    public ScheduledScans(ScanService scans, ScheduleRepository schedule, ScannerConfig config) {
        this.scans = scans;
        this.schedule = schedule;
        this.config = config.schedule();
    }

    @Scheduled(identity = "vcp-scan", cron = "${vcp.schedule.cron}", timeZone = "Asia/Seoul",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule(ScheduledExecution execution) {
        return run(execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Runs the scheduled scans of {@code slot} unless another replica has claimed it. */
    public Uni<Void> run(Instant slot) {
        return schedule.claim(slot, CLAIMANT).chain(claimed -> {
            if (!claimed) {
                Log.infof("Scheduled run %s already claimed by another replica: skipped", slot);
                return Uni.createFrom().voidItem();
            }
            Log.infof("Scheduled run %s: scanning %s", slot, config.markets());
            return Multi.createFrom().iterable(config.markets())
                    .onItem().transformToUniAndConcatenate(scope -> Uni.createFrom().deferred(() -> scans
                                    .scan(new ScanCommand(scope, config.topN(), config.minScore(), null),
                                            ScanTrigger.SCHEDULE))
                            // Another scan of these markets still runs: this one waits for it, a new attempt each time.
                            .onFailure(ScanConflictException.class).retry()
                            .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                            .expireIn(config.conflictRetry().toMillis())
                            .map(outcome -> outcome.scan().id)
                            .onFailure().recoverWithItem(e -> {
                                Log.errorf("Scheduled run %s: scan of %s failed: %s", slot, scope, e.getMessage());
                                return (UUID) null;
                            }))
                    .filter(Objects::nonNull)
                    .collect().asList()
                    .chain(ids -> schedule.recordScans(slot, ids));
        });
    }
}
