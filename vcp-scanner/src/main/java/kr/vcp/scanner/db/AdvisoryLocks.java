package kr.vcp.scanner.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** PostgreSQL transaction-level advisory locks taken inside the caller's Panache transaction. */
public final class AdvisoryLocks {

    /** Serialises outbox appends, so outbox ids follow commit order. */
    public static final long OUTBOX_APPEND = 0x5643_5001L;
    /** Serialises scan starts, so two overlapping scans cannot both see none running. */
    public static final long SCAN_START = 0x5643_5003L;
    /** Serialises market-data changes to commit order: taken by the V5 migration's trigger and by a bulk write. */
    public static final long MARKET_CHANGE = 0x5643_5004L;
    /** Serialises bulk imports (marketdata.BulkWriter). */
    public static final long BULK_WRITE = 0x5643_5005L;

    private AdvisoryLocks() {
    }

    /** Waits for the lock; it is released when the transaction ends. */
    public static Uni<Void> lock(long key) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + key + ")) AS l")
                        .getSingleResult())
                .replaceWithVoid();
    }
}
