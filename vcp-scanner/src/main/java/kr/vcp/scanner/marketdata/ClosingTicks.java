package kr.vcp.scanner.marketdata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kr.vcp.model.Json;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import kr.vcp.scanner.outbox.OutboxRepository;

/**
 * After a bars import, each ticker whose latest bar it wrote trades at that bar's close: a {@link PriceTicked} per
 * ticker, queued in the import's own transaction, so the dashboard's prices move with the bars and never without.
 */
final class ClosingTicks {

    /** When KRX's regular session closes: the time a close is stamped with. */
    static final LocalTime CLOSE = LocalTime.of(15, 30);

    // Each ticker's two latest traded days, one index lookup each: a whole-market import asks for 2,800 tickers.
    private static final String LATEST_TWO = """
            SELECT t.ticker, b.trade_date, b.close, b.volume
            FROM unnest(?::text[]) AS t(ticker)
            CROSS JOIN LATERAL (SELECT trade_date, close, volume FROM daily_bars
                                WHERE ticker = t.ticker AND NOT halted ORDER BY trade_date DESC LIMIT 2) b
            ORDER BY t.ticker, b.trade_date DESC""";

    private ClosingTicks() {
    }

    /**
     * Queues the closing tick of every ticker whose latest traded day is among {@code written}; returns them. Each
     * ticker's two latest traded days are found in {@code held} and {@code written} when the held market plus this
     * write is what the tables hold ({@code held} then given), else asked of the tables (a whole-market import's
     * first write waited 0.5 s for that query).
     */
    static List<PriceTicked> queue(Connection conn, Map<String, List<DailyBar>> written, MarketSnapshot held)
            throws SQLException {
        if (written.isEmpty()) {
            return List.of();
        }
        // ticker -> [epoch day, close, volume], newest first
        Map<String, List<long[]>> latest = held != null ? latestTwo(held, written) : latestTwo(conn, written);
        List<PriceTicked> ticks = new ArrayList<>();
        latest.forEach((ticker, bars) -> {
            LocalDate day = LocalDate.ofEpochDay(bars.get(0)[0]);
            if (written.get(ticker).stream().anyMatch(b -> b.date().equals(day))) {
                long close = bars.get(0)[1];
                ticks.add(tick(ticker, day, close, bars.size() > 1 ? bars.get(1)[1] : close, bars.get(0)[2]));
            }
        });
        OutboxRepository.append(conn, ticks.stream().map(t -> new OutboxRepository.Event(UUID.randomUUID(),
                Topics.KAFKA_PRICES, t.ticker(), Json.write(t))).toList());
        return ticks;
    }

    /** Asked of the tables, after the write. */
    static Map<String, List<long[]>> latestTwo(Connection conn, Map<String, List<DailyBar>> written)
            throws SQLException {
        Map<String, List<long[]>> latest = new LinkedHashMap<>();
        try (PreparedStatement st = conn.prepareStatement(LATEST_TWO)) {
            st.setArray(1, conn.createArrayOf("text", written.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    latest.computeIfAbsent(rs.getString(1), t -> new ArrayList<>(2)).add(new long[] {
                            rs.getObject(2, LocalDate.class).toEpochDay(), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return latest;
    }

    /** As the query would find them: a written bar replaces the held one of its day, and a halt is no traded day. */
    static Map<String, List<long[]>> latestTwo(MarketSnapshot held, Map<String, List<DailyBar>> written) {
        Map<String, List<long[]>> latest = new LinkedHashMap<>();
        written.forEach((ticker, bars) -> {
            List<long[]> days = new ArrayList<>(4);
            for (DailyBar b : bars) {
                if (!b.halted()) {
                    keepLatestTwo(days, new long[] {b.date().toEpochDay(), b.close(), b.volume()});
                }
            }
            held.stock(ticker).map(HeldStock::bars).ifPresent(series -> {
                Set<LocalDate> writtenDays = new HashSet<>();
                bars.forEach(b -> writtenDays.add(b.date()));
                int found = 0;
                for (int i = series.dates().length - 1; i >= 0 && found < 2; i--) {
                    if (!writtenDays.contains(series.dates()[i])) {
                        keepLatestTwo(days, new long[] {series.dates()[i].toEpochDay(), series.close()[i],
                                series.volume()[i]});
                        found++;
                    }
                }
            });
            if (!days.isEmpty()) {
                latest.put(ticker, days);
            }
        });
        return latest;
    }

    /** Adds {@code day} to {@code days} (at most two, newest first) if it is among the two latest. */
    private static void keepLatestTwo(List<long[]> days, long[] day) {
        int at = 0;
        while (at < days.size() && days.get(at)[0] > day[0]) {
            at++;
        }
        if (at < 2) {
            days.add(at, day);
            if (days.size() > 2) {
                days.remove(2);
            }
        }
    }

    /** A close as a tick, against the close before it, stamped with the session's end. */
    static PriceTicked tick(String ticker, LocalDate day, long close, long previous, long volume) {
        return PriceTicked.against(previous, ticker, close, volume, day.atTime(CLOSE));
    }
}
