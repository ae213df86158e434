package kr.vcp.scanner.scan;

import kr.vcp.scanner.db.Leases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.SyntheticDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scheduled runs claimed under a lease: run once, by a live replica, taken over from a dead one. */
@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ScheduledScansTest {

    @Inject
    Pool pool;

    @Inject
    ScheduledScans scheduled;

    @BeforeEach
    void loadMarket() {
        SampleMarket.loadSynthetic();
    }

    @Test
    void aSlotWhoseClaimantStoppedRenewingItsLeaseIsTakenOverAndRun() {
        Instant slot = Instant.parse("2001-01-02T06:40:00Z");
        claim(slot, "4242@dead-replica", "now() - interval '1 second'", null);

        schedule(slot, Instant.now().plusSeconds(60));

        Row run = run(slot);
        assertEquals(Leases.REPLICA, run.getString("claimed_by"));
        assertEquals(2, run.getInteger("attempts"), "claimed a second time");
        assertTrue(run.getValue("finished_at") != null, "done");
        UUID[] scans = run.getArrayOfUUIDs("scan_ids");
        assertEquals(1, scans.length, "one scan of the default scope (ALL)");
        assertEquals("SUCCEEDED", rows("SELECT status FROM scans WHERE id = $1", Tuple.of(scans[0])).get(0)
                .getString("status"));
    }

    @Test
    void aSlotAnotherLiveReplicaHoldsIsWatchedNotRunTwice() {
        Instant slot = Instant.parse("2001-01-03T06:40:00Z");
        claim(slot, "4243@live-replica", "now() + interval '1 minute'", null);

        // The watch ends before the slot has passed (here in 3 s), having looked again every second.
        schedule(slot, Instant.now().plusSeconds(3));

        Row run = run(slot);
        assertEquals("4243@live-replica", run.getString("claimed_by"));
        assertEquals(1, run.getInteger("attempts"));
        assertNull(run.getValue("finished_at"));
        assertNull(run.getValue("scan_ids"));
    }

    @Test
    void aSlotAlreadyRunIsSkipped() {
        Instant slot = Instant.parse("2001-01-04T06:40:00Z");
        claim(slot, "4244@gone-replica", "now() - interval '1 hour'", "now() - interval '59 minutes'");

        schedule(slot, Instant.now().plusSeconds(60));

        Row run = run(slot);
        assertEquals("4244@gone-replica", run.getString("claimed_by"), "done runs are never claimed again");
        assertEquals(1, run.getInteger("attempts"));
        assertNull(run.getValue("scan_ids"));
    }

    /** Runs the slot as the scheduler does, on a Vert.x context of its own. */
    private void schedule(Instant slot, Instant until) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> scheduled.run(slot, until));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private void claim(Instant slot, String claimant, String leaseUntil, String finishedAt) {
        pool.preparedQuery("DELETE FROM scheduled_runs WHERE slot = $1").execute(Tuple.of(slot.atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(5));
        pool.preparedQuery("INSERT INTO scheduled_runs (slot, claimed_by, lease_until, finished_at) VALUES ($1, $2, "
                        + leaseUntil + ", " + finishedAt + ")")
                .execute(Tuple.of(slot.atOffset(ZoneOffset.UTC), claimant)).await().atMost(Duration.ofSeconds(5));
    }

    private Row run(Instant slot) {
        return rows("SELECT claimed_by, attempts, finished_at, scan_ids FROM scheduled_runs WHERE slot = $1",
                Tuple.of(slot.atOffset(ZoneOffset.UTC))).get(0);
    }

    private List<Row> rows(String sql, Tuple args) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }
}
