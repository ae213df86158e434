package kr.vcp.scanner.marketdata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Queues the closing tick of every ticker whose latest traded day is among {@code written}; returns them. */
    static List<PriceTicked> queue(Connection conn, Map<String, List<DailyBar>> written) throws SQLException {
        if (written.isEmpty()) {
            return List.of();
        }
        Map<String, List<long[]>> latest = new LinkedHashMap<>(); // ticker -> [epoch day, close, volume], newest first
        try (PreparedStatement st = conn.prepareStatement(LATEST_TWO)) {
            st.setArray(1, conn.createArrayOf("text", written.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    latest.computeIfAbsent(rs.getString(1), t -> new ArrayList<>(2)).add(new long[] {
                            rs.getObject(2, LocalDate.class).toEpochDay(), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
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

    /** A close as a tick, against the close before it, stamped with the session's end. */
    static PriceTicked tick(String ticker, LocalDate day, long close, long previous, long volume) {
        return PriceTicked.against(previous, ticker, close, volume, day.atTime(CLOSE));
    }
}
