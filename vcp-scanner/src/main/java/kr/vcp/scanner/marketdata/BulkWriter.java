package kr.vcp.scanner.marketdata;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import kr.vcp.scanner.db.AdvisoryLocks;
import org.postgresql.PGConnection;
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

    /** Rows per COPY chunk handed to the driver: about 4 MB of text. */
    private static final int CHUNK_ROWS = 100_000;

    private final AgroalDataSource dataSource;

    public BulkWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What a write did.
     *
     * @param rows        rows inserted or changed
     * @param ownChangeUpTo the newest change to the market when the held market was current as this write began,
     *                    so that it plus this write is what the tables hold; -1 otherwise
     */
    public record Written(int rows, long ownChangeUpTo) {
    }

    /**
     * Writes what {@code read} holds in one transaction. Its new days are copied straight into the table (the fast
     * path: no lookup per row); should one of them exist after all (a halt, or a write the held market has not
     * caught up with), they are merged instead.
     */
    public Written write(BulkImport read, MarketSnapshot held) {
        if (read.stocks().isEmpty() && read.newBars().isEmpty() && read.changed().isEmpty() && read.flows().isEmpty()) {
            return new Written(0, -1);
        }
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
                Set<String> unheldHistory = unheldHistory(conn, read, held);
                int written = 0;
                if (!read.stocks().isEmpty()) {
                    st.execute("CREATE TEMP TABLE stocks_in (LIKE stocks) ON COMMIT DROP");
                    copy.copyIn("COPY stocks_in (ticker, name, market) FROM STDIN (FORMAT csv)", new StringReader(
                            csv(read.stocks().stream().map(l -> List.of(l.ticker(), l.name(), l.market().name())))));
                    written += st.executeUpdate(MERGE_STOCKS);
                }
                if (!read.newBars().isEmpty()) {
                    long started = System.nanoTime();
                    Savepoint before = conn.setSavepoint();
                    try {
                        written += (int) copyBars(copy, "daily_bars", read.newBars());
                    } catch (SQLException e) {
                        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        conn.rollback(before);
                        Log.infof("Some of the new days are stored already (%s): merging them instead", e.getMessage());
                        written += merge(st, copy, read.newBars());
                    }
                    Log.debugf("New bars copied in %d ms", (System.nanoTime() - started) / 1_000_000);
                }
                if (!read.changed().isEmpty()) {
                    written += merge(st, copy, read.changed());
                }
                if (!read.flows().isEmpty()) {
                    st.execute("CREATE TEMP TABLE flows_in (LIKE investor_flows) ON COMMIT DROP");
                    copyFlows(copy, read.flows());
                    written += st.executeUpdate(MERGE_FLOWS);
                }
                if (written > 0) {
                    recordChange(conn, read);
                }
                long last = lastChange(st);
                conn.commit();
                return new Written(written, heldIsCurrent && unheldHistory.isEmpty() ? last : -1);
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
     * Tickers this write lists anew whose bars or flows the tables already hold: the held market never had them
     * (it holds listings only), so it cannot add this write to them and must read them back.
     */
    private static Set<String> unheldHistory(Connection conn, BulkImport read, MarketSnapshot held)
            throws SQLException {
        String[] listed = read.stocks().stream().map(StockListing::ticker).filter(t -> held.stock(t).isEmpty())
                .toArray(String[]::new);
        Set<String> found = new HashSet<>();
        if (listed.length == 0) {
            return found;
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                SELECT ticker FROM daily_bars WHERE ticker = ANY(?)
                UNION SELECT ticker FROM investor_flows WHERE ticker = ANY(?)""")) {
            Array tickers = conn.createArrayOf("varchar", listed);
            ps.setArray(1, tickers);
            ps.setArray(2, tickers);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** Every ticker this write touched, as one change: replicas reload them (this one takes them in). */
    private static void recordChange(Connection conn, BulkImport read) throws SQLException {
        Set<String> touched = new java.util.TreeSet<>();
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
        copyBars(copy, "bars_in", bars);
        return st.executeUpdate(MERGE_BARS);
    }

    /** Rows as CSV text, each field quoted (names may hold commas). */
    private static String csv(java.util.stream.Stream<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(fields -> {
            for (int i = 0; i < fields.size(); i++) {
                text.append(i == 0 ? "" : ",").append('"').append(fields.get(i).replace("\"", "\"\"")).append('"');
            }
            text.append('\n');
        });
        return text.toString();
    }

    /** Copies {@code bars} into {@code table}; returns the rows copied. */
    private static long copyBars(CopyManager copy, String table, Map<String, List<DailyBar>> bars)
            throws SQLException, IOException {
        String sql = "COPY " + table + " (ticker, trade_date, open, high, low, close, volume, halted) FROM STDIN"
                + " (FORMAT csv)";
        long copied = 0;
        StringBuilder text = new StringBuilder(CHUNK_ROWS * 48);
        int rows = 0;
        for (Map.Entry<String, List<DailyBar>> e : bars.entrySet()) {
            for (DailyBar b : e.getValue()) {
                // An empty field is NULL in CSV: a halt has no open, high or low.
                text.append(e.getKey()).append(',').append(b.date()).append(',')
                        .append(b.open() == null ? "" : b.open()).append(',')
                        .append(b.high() == null ? "" : b.high()).append(',')
                        .append(b.low() == null ? "" : b.low()).append(',')
                        .append(b.close()).append(',').append(b.volume()).append(',').append(b.halted() ? 't' : 'f')
                        .append('\n');
                if (++rows % CHUNK_ROWS == 0) {
                    copied += copy.copyIn(sql, new StringReader(text.toString()));
                    text.setLength(0);
                }
            }
        }
        if (!text.isEmpty()) {
            copied += copy.copyIn(sql, new StringReader(text.toString()));
        }
        return copied;
    }

    private static void copyFlows(CopyManager copy, Map<String, List<InvestorFlow>> flows)
            throws SQLException, IOException {
        StringBuilder text = new StringBuilder();
        flows.forEach((ticker, list) -> list.forEach(f -> text.append(ticker).append(',').append(f.date()).append(',')
                .append(f.institution()).append(',').append(f.otherCorporations()).append(',')
                .append(f.individuals()).append(',').append(f.foreigners()).append(',').append(f.total()).append('\n')));
        copy.copyIn("COPY flows_in (ticker, trade_date, institution, other_corp, individual, foreign_net, total)"
                + " FROM STDIN (FORMAT csv)", new StringReader(text.toString()));
    }
}
