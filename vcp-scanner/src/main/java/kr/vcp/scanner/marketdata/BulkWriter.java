package kr.vcp.scanner.marketdata;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import kr.vcp.scanner.db.AdvisoryLocks;
import kr.vcp.scanner.db.CopyRows;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Bulk imports at database speed: rows stream into a temporary table with {@code COPY}, then one statement merges
 * them, inserting new rows and rewriting only those that differ. The reactive client has no {@code COPY}, so this
 * one path uses the JDBC pool that Flyway already brings. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class BulkWriter {

    private static final String MERGE_STOCKS = """
            INSERT INTO stocks (ticker, name, market) SELECT ticker, name, market FROM stocks_in
            ON CONFLICT (ticker) DO UPDATE SET name = excluded.name, market = excluded.market
            WHERE (stocks.name, stocks.market) IS DISTINCT FROM (excluded.name, excluded.market)""";

    private static final String MERGE_BARS = """
            INSERT INTO daily_bars (ticker, trade_date, open, high, low, close, volume, halted)
            SELECT ticker, trade_date, open, high, low, close, volume, halted FROM bars_in
            ON CONFLICT (ticker, trade_date) DO UPDATE SET open = excluded.open, high = excluded.high,
                low = excluded.low, close = excluded.close, volume = excluded.volume, halted = excluded.halted
            WHERE (daily_bars.open, daily_bars.high, daily_bars.low, daily_bars.close, daily_bars.volume,
                   daily_bars.halted)
                IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume,
                   excluded.halted)""";

    private static final String MERGE_FLOWS = """
            INSERT INTO investor_flows (ticker, trade_date, institution, other_corp, individual, foreign_net, total)
            SELECT ticker, trade_date, institution, other_corp, individual, foreign_net, total FROM flows_in
            ON CONFLICT (ticker, trade_date) DO UPDATE SET institution = excluded.institution,
                other_corp = excluded.other_corp, individual = excluded.individual,
                foreign_net = excluded.foreign_net, total = excluded.total
            WHERE (investor_flows.institution, investor_flows.other_corp, investor_flows.individual,
                   investor_flows.foreign_net, investor_flows.total)
                IS DISTINCT FROM (excluded.institution, excluded.other_corp, excluded.individual,
                   excluded.foreign_net, excluded.total)""";

    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;

    public BulkWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What a write did.
     *
     * @param read          the import as read
     * @param rows          rows inserted or changed
     * @param ownChangeUpTo the newest change to the market when the held market was current as this write began,
     *                      so that it plus this write is what the tables hold; -1 otherwise
     */
    record Written(BulkImport read, int rows, long ownChangeUpTo) {
    }

    /**
     * Writes one import in one transaction while {@code reading} reads it: the days the held market lacks are
     * streamed by {@code COPY} straight into the table as each file is read (the fast path: no lookup per row, and
     * the database inserts while the next files are parsed); should one of them exist after all (a halt, or a write
     * the held market has not caught up with), they are merged instead. Stocks, changed days and flows follow.
     *
     * @param reading reads the import, handing each ticker's new days to the sink it is given, and returns it whole
     */
    Written write(MarketSnapshot held, Function<BiConsumer<String, List<DailyBar>>, BulkImport> reading) {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                CopyManager copy = conn.unwrap(PGConnection.class).getCopyAPI();
                // One bulk write at a time, so none inserts the days another is copying in; and no other change to the
                // market until this one commits, so whether the held market plus this write is what the tables hold
                // is known by the newest change before it.
                st.execute("SELECT pg_advisory_xact_lock(" + AdvisoryLocks.BULK_WRITE + "), pg_advisory_xact_lock("
                        + AdvisoryLocks.MARKET_CHANGE + ")");
                boolean heldIsCurrent = lastChange(st) == held.version();
                // This write records the tickers it touches itself (below); the tables' triggers record nothing.
                st.execute("SET LOCAL vcp.changes_recorded = 'on'");
                Savepoint beforeCopy = conn.setSavepoint();
                long started = System.nanoTime();
                BarCopy days = new BarCopy(copy, "daily_bars");
                BulkImport read;
                try {
                    read = reading.apply(days::add);
                } catch (RuntimeException e) {
                    days.cancel();
                    throw e;
                }
                int written = (int) days.finish();
                if (days.conflicted()) {
                    conn.rollback(beforeCopy);
                    Log.infof("Some of the new days are stored already: merging them instead");
                    written = read.newBars().isEmpty() ? 0 : merge(st, copy, read.newBars());
                }
                long copied = System.nanoTime();
                Log.debugf("Read and new days copied in %d ms", (copied - started) / 1_000_000);
                // After a conflict the new days were merged into history of theirs: read back, not taken in.
                boolean readBack = days.conflicted() || unheldHistory(conn, read, held);
                if (!read.stocks().isEmpty()) {
                    st.execute("CREATE TEMP TABLE stocks_in (LIKE stocks) ON COMMIT DROP");
                    CopyRows.copy(conn, "COPY stocks_in (ticker, name, market) FROM STDIN (FORMAT csv)",
                            read.stocks().stream().map(l -> List.of(l.ticker(), l.name(), l.market().name())));
                    written += st.executeUpdate(MERGE_STOCKS);
                }
                if (!read.changed().isEmpty()) {
                    written += merge(st, copy, read.changed());
                }
                if (!read.flows().isEmpty()) {
                    st.execute("CREATE TEMP TABLE flows_in (LIKE investor_flows) ON COMMIT DROP");
                    copyFlows(conn, read.flows());
                    written += st.executeUpdate(MERGE_FLOWS);
                }
                if (written > 0) {
                    recordChange(conn, read);
                    Map<String, List<DailyBar>> bars = new HashMap<>(read.newBars());
                    read.changed().forEach((ticker, changed) -> bars.merge(ticker, changed, (a, b) ->
                            java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
                    ClosingTicks.queue(conn, bars, heldIsCurrent && !readBack ? held : null);
                }
                long last = lastChange(st);
                long merged = System.nanoTime();
                conn.commit();
                Log.debugf("Stocks, changed days, flows, closing ticks in %d ms, committed in %d ms",
                        (merged - copied) / 1_000_000, (System.nanoTime() - merged) / 1_000_000);
                return new Written(read, written, heldIsCurrent && !readBack ? last : -1);
            } catch (SQLException | IOException | RuntimeException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk write failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bars streamed into {@code table} by one {@code COPY} as they are handed in, a megabyte at a time, each sent by a
     * thread of its own: the caller parses the next files while the database inserts these. Sent on the caller's
     * thread, parsing and inserting took turns (a million bars: 4.9 s, where each alone takes about 2). At most
     * {@link #IN_FLIGHT} megabytes wait to be sent. In COPY's binary format: the database then reads no text (a
     * million bars on their own: 1.5-1.6 s, against 1.8-2.2 s as CSV). A conflict (a day stored already,
     * in {@code daily_bars}) ends the stream; the caller merges them all instead.
     */
    private static final class BarCopy {

        private static final byte[] HEADER = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
        private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

        private static final int CHUNK = 1 << 20;
        private static final int IN_FLIGHT = 8;

        private final CopyManager copy;
        private final String sql;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);
        private final DataOutputStream rows = new DataOutputStream(buffer);
        private boolean started;
        private final Semaphore room = new Semaphore(IN_FLIGHT);
        /** Sends the chunks in order; started with the first one. */
        private ExecutorService sender;
        /** Used by the sender until it has stopped ({@link #stopSending}), then by the caller. */
        private volatile CopyIn in;
        private volatile boolean conflicted;
        private volatile RuntimeException failure;

        BarCopy(CopyManager copy, String table) {
            this.copy = copy;
            this.sql = "COPY " + table + " (ticker, trade_date, open, high, low, close, volume, halted) FROM STDIN"
                    + " (FORMAT binary)";
        }

        void add(String ticker, List<DailyBar> bars) {
            if (conflicted || bars.isEmpty()) {
                return;
            }
            try {
                if (!started) {
                    rows.write(HEADER);
                    rows.writeInt(0); // flags
                    rows.writeInt(0); // no header extension
                    started = true;
                }
                byte[] code = ticker.getBytes(StandardCharsets.UTF_8);
                for (DailyBar b : bars) {
                    rows.writeShort(8);
                    rows.writeInt(code.length);
                    rows.write(code);
                    rows.writeInt(4);
                    rows.writeInt((int) (b.date().toEpochDay() - PG_EPOCH_DAY));
                    price(b.open(), b.halted());
                    price(b.high(), b.halted());
                    price(b.low(), b.halted());
                    rows.writeInt(4);
                    rows.writeInt(b.close());
                    rows.writeInt(8);
                    rows.writeLong(b.volume());
                    rows.writeInt(1);
                    rows.writeByte(b.halted() ? 1 : 0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not from memory
            }
            if (buffer.size() >= CHUNK) {
                send();
            }
        }

        /** A price field; NULL for a halt, which has no open, high or low. */
        private void price(int value, boolean halted) throws IOException {
            if (halted) {
                rows.writeInt(-1);
            } else {
                rows.writeInt(4);
                rows.writeInt(value);
            }
        }

        /** Ends the stream once every chunk is sent; returns the rows copied (0 after a conflict). */
        long finish() throws SQLException {
            if (started && !conflicted) {
                try {
                    rows.writeShort(-1); // the end of the rows
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            send();
            stopSending();
            if (in == null || conflicted) {
                return 0;
            }
            try {
                return in.endCopy();
            } catch (SQLException e) {
                conflict(e);
                if (failure != null) {
                    throw failure;
                }
                return 0;
            }
        }

        boolean conflicted() {
            return conflicted;
        }

        void cancel() {
            try {
                stopSending();
            } catch (RuntimeException e) {
                Log.debugf("sending the copy: %s", e.getMessage());
            }
            cancelCopy();
        }

        private void send() {
            if (failure != null) {
                throw failure;
            }
            if (conflicted || buffer.size() == 0) {
                return;
            }
            byte[] bytes = buffer.toByteArray();
            buffer.reset();
            room.acquireUninterruptibly();
            if (sender == null) {
                sender = Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "bulk-copy");
                    thread.setDaemon(true); // never what keeps the process alive, should a failed write leave it idle
                    return thread;
                });
            }
            sender.execute(() -> {
                try {
                    if (!conflicted && failure == null) {
                        if (in == null) {
                            in = copy.copyIn(sql);
                        }
                        in.writeToCopy(bytes, 0, bytes.length);
                    }
                } catch (SQLException e) {
                    conflict(e);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    room.release();
                }
            });
        }

        /** Waits until every chunk handed to the sender is sent; throws what sending failed with. */
        private void stopSending() {
            if (sender != null) {
                sender.shutdown();
                try {
                    while (!sender.awaitTermination(1, TimeUnit.MINUTES)) {
                        Log.debugf("still copying into %s", sql);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while copying bars", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        /** On the sender, or on the caller once the sender has stopped. */
        private void conflict(SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                failure = new IllegalStateException("copying bars failed: " + e.getMessage(), e);
                cancelCopy();
                return;
            }
            conflicted = true;
            cancelCopy();
        }

        private void cancelCopy() {
            try {
                if (in != null && in.isActive()) {
                    in.cancelCopy();
                }
            } catch (SQLException e) {
                Log.debugf("cancelling the copy: %s", e.getMessage());
            }
        }
    }

    /**
     * Whether the tables held history of a ticker this write lists anew: the held market never had it (it holds
     * listings only), so it cannot add this write to it and must read it back. Asked after the new days were
     * copied in, before anything else: a new listing's bars in the table are then exactly its copied days.
     */
    private static boolean unheldHistory(Connection conn, BulkImport read, MarketSnapshot held) throws SQLException {
        List<String> listed = read.stocks().stream().map(StockListing::ticker).filter(t -> held.stock(t).isEmpty())
                .toList();
        if (listed.isEmpty()) {
            return false;
        }
        long copied = listed.stream().mapToLong(t -> read.newBars().getOrDefault(t, List.of()).size()).sum();
        // Each ticker holds at least its copied days, so the sum is over theirs exactly when one holds more: one range
        // scan of the index, where a count per ticker took 0.8 s for a first import of 2,800 listings.
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT (SELECT count(*) FROM daily_bars WHERE ticker = ANY(?::varchar[])) <> ?
                    OR EXISTS (SELECT 1 FROM investor_flows WHERE ticker = ANY(?::varchar[]))""")) {
            Array tickers = conn.createArrayOf("varchar", listed.toArray());
            ps.setArray(1, tickers);
            ps.setLong(2, copied);
            ps.setArray(3, tickers);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Every ticker this write touched, as one change: replicas reload them (this one takes them in). */
    private static void recordChange(Connection conn, BulkImport read) throws SQLException {
        Set<String> touched = new TreeSet<>();
        read.stocks().forEach(l -> touched.add(l.ticker()));
        touched.addAll(read.newBars().keySet());
        touched.addAll(read.changed().keySet());
        touched.addAll(read.flows().keySet());
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO market_changes (tickers) VALUES (?)")) {
            ps.setArray(1, conn.createArrayOf("varchar", touched.toArray()));
            ps.executeUpdate();
        }
    }

    private static long lastChange(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM market_changes")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int merge(Statement st, CopyManager copy, Map<String, List<DailyBar>> bars)
            throws SQLException, IOException {
        st.execute("CREATE TEMP TABLE IF NOT EXISTS bars_in (LIKE daily_bars) ON COMMIT DROP");
        st.execute("TRUNCATE bars_in");
        BarCopy rows = new BarCopy(copy, "bars_in");
        try {
            bars.forEach(rows::add);
        } catch (RuntimeException e) {
            rows.cancel();
            throw e;
        }
        rows.finish();
        return st.executeUpdate(MERGE_BARS);
    }

    private static void copyFlows(Connection conn, Map<String, List<InvestorFlow>> flows) throws SQLException {
        CopyRows.copy(conn, "COPY flows_in (ticker, trade_date, institution, other_corp, individual, foreign_net, total)"
                + " FROM STDIN (FORMAT csv)", flows.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(f -> List.of(e.getKey(), f.date().toString(), String.valueOf(f.institution()),
                                String.valueOf(f.otherCorporations()), String.valueOf(f.individuals()),
                                String.valueOf(f.foreigners()), String.valueOf(f.total())))));
    }
}
