package kr.vcp.scanner.gate;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.MarketBreadth;
import kr.vcp.scanner.marketdata.IndexBar;

/**
 * KOSPI's and KOSDAQ's imported levels ({@code index_bars}, V9), over JDBC: they are read where the gate is judged,
 * on a worker thread (a scan's analysis, the gate's computation) or inside an index import's own transaction.
 */
@ApplicationScoped
public class IndexRepository {

    /** Closes an index trend needs: its 200-day average. */
    private static final int DAYS = 200;

    private static final String UPSERT = """
            INSERT INTO index_bars (market, trade_date, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (market, trade_date) DO UPDATE SET open = excluded.open, high = excluded.high,
                low = excluded.low, close = excluded.close, volume = excluded.volume
            WHERE (index_bars.open, index_bars.high, index_bars.low, index_bars.close, index_bars.volume)
                IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)""";

    private final AgroalDataSource dataSource;

    public IndexRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Each market's index trend on {@code day}; markets without index data left out. Blocking. */
    public Map<Market, MarketBreadth.IndexTrend> trends(LocalDate day) {
        try (Connection conn = dataSource.getConnection()) {
            return trends(conn, day);
        } catch (SQLException e) {
            throw new IllegalStateException("index levels unreadable: " + e.getMessage(), e);
        }
    }

    /** The same within the caller's JDBC transaction. Blocking. */
    static Map<Market, MarketBreadth.IndexTrend> trends(Connection conn, LocalDate day) throws SQLException {
        Map<Market, MarketBreadth.IndexTrend> trends = new EnumMap<>(Market.class);
        for (Market m : Market.values()) {
            MarketBreadth.IndexTrend t = MarketBreadth.IndexTrend.of(closes(conn, m, day));
            if (t != null) {
                trends.put(m, t);
            }
        }
        return trends;
    }
    /** Within the caller's JDBC transaction: the bars, inserted or changed; returns the rows that were. Blocking. */
    static int upsert(Connection conn, Market market, List<IndexBar> bars) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(UPSERT)) {
            for (IndexBar b : bars) {
                st.setString(1, market.name());
                st.setObject(2, b.date());
                st.setDouble(3, b.open());
                st.setDouble(4, b.high());
                st.setDouble(5, b.low());
                st.setDouble(6, b.close());
                st.setLong(7, b.volume());
                st.addBatch();
            }
            int changed = 0;
            for (int n : st.executeBatch()) {
                changed += Math.max(0, n);
            }
            return changed;
        }
    }

    /**
     * Within the caller's JDBC transaction: the market's closes up to {@code day} (all when null), oldest first, at
     * most {@value #DAYS}. Blocking.
     */
    static double[] closes(Connection conn, Market market, LocalDate day) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT close FROM (SELECT trade_date, close FROM index_bars"
                + " WHERE market = ? AND trade_date <= coalesce(?, 'infinity'::date) ORDER BY trade_date DESC LIMIT "
                + DAYS + ") t ORDER BY trade_date")) {
            st.setString(1, market.name());
            st.setObject(2, day, java.sql.Types.DATE);
            List<Double> closes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    closes.add(rs.getDouble(1));
                }
            }
            return closes.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The day of the market's latest level. Blocking. */
    static LocalDate latestDay(Connection conn, Market market) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT max(trade_date) FROM index_bars WHERE market = ?")) {
            st.setString(1, market.name());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getObject(1, LocalDate.class);
            }
        }
    }
}
