package kr.vcp.scanner.scan;

import kr.vcp.scanner.db.Leases;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One scan: what was asked, by whom, how it went. */
@Entity
@Table(name = "scans")
public class ScanEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public ScanTrigger trigger;

    public String market;

    @Column(name = "top_n")
    public int topN;

    @Column(name = "min_score")
    public int minScore;

    @Column(name = "as_of")
    public LocalDate asOf;

    @Column(name = "signal_date")
    public LocalDate signalDate;

    @Enumerated(EnumType.STRING)
    public ScanStatus status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "universe_count")
    public Integer universeCount;

    @Column(name = "analysed_count")
    public Integer analysedCount;

    @Column(name = "signal_count")
    public Integer signalCount;

    public String error;

    /** The replica running it ({@link Leases#REPLICA}). */
    public String owner;

    /** While RUNNING: its replica renews this; once it has passed, the scan is taken as dead. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The event that announced the result (in the outbox until the relay published it). */
    @Column(name = "event_id")
    public UUID eventId;
}
