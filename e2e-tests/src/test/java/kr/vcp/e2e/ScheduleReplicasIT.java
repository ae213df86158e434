package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import org.junit.jupiter.api.Test;

/** Two scanner replicas on one database, both firing the same cron: each scheduled run happens once. */
class ScheduleReplicasIT {

    @Test
    void twoReplicasRunEachScheduledSlotExactlyOnce() throws Exception {
        SharedServers.Database db = TestSystem.database("schedule");
        var env = TestSystem.env(db, SharedServers.kafkaBootstrap(), "VCP_SCHEDULE_CRON", "*/2 * * * * ?");
        Instant bothUp;
        Instant cutoff;
        ServiceProcess a = TestSystem.scanner("replica-a", env);
        ServiceProcess b = null;
        try {
            TestSystem.loadSample(a);
            b = TestSystem.scanner("replica-b", env);
            TestSystem.awaitReady(a, Duration.ofSeconds(30));
            TestSystem.awaitReady(b, Duration.ofSeconds(30));
            bothUp = Instant.now();
            Thread.sleep(10_000);
            cutoff = Instant.now().minusSeconds(2);
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }

        String window = "'" + bothUp + "' AND '" + cutoff + "'";
        List<List<String>> runs = TestSystem.query(db, "SELECT slot, claimed_by, coalesce(array_length(scan_ids, 1), 0)"
                + " FROM scheduled_runs WHERE slot BETWEEN " + window + " ORDER BY slot");
        long scheduledScans = Long.parseLong(TestSystem.query(db, "SELECT count(*) FROM scans WHERE trigger = 'SCHEDULE'"
                + " AND started_at BETWEEN " + window).get(0).get(0));
        List<String> lines = new ArrayList<>(Files.readAllLines(a.log()));
        lines.addAll(Files.readAllLines(b.log()));
        long skips = lines.stream().filter(l -> l.contains("already claimed")).count();
        String failures = lines.stream().filter(l -> l.contains("Scheduled run") && l.contains("failed"))
                .collect(Collectors.joining("\n"));
        long claimants = runs.stream().map(r -> r.get(1)).distinct().count();
        System.out.printf("Schedule with two replicas: %d slots, %d scheduled scans, %d skips by the replica that lost"
                + " the claim, %d replica(s) won claims%n", runs.size(), scheduledScans, skips, claimants);

        assertTrue(runs.size() >= 3, "a run every 2 s for 8 s: " + runs + "\n" + failures);
        runs.forEach(r -> assertEquals("1", r.get(2), "one scan for slot " + r.get(0) + "\n" + failures));
        assertTrue(Math.abs(scheduledScans - runs.size()) <= 1, runs.size() + " slots but " + scheduledScans + " scans");
        assertTrue(skips >= runs.size() - 1, "the other replica fired too and skipped: " + skips);
    }
}
