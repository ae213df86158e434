package kr.vcp.scanner.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.model.Market;
import org.junit.jupiter.api.Test;

/**
 * The two latest traded days of each written ticker, found two ways that must agree: in the held market and the write
 * (what an import uses when the held market is what the tables hold), and by the query on the tables after the write
 * (what it uses otherwise), here on the real tables in a transaction that is rolled back.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class ClosingTicksTest {

    private static final LocalDate MON = LocalDate.of(2026, 3, 2);
    /** Held with closes 1000, 1010, 1020 on days 0, 1, 2; no other test writes these tickers. */
    private static final String HELD = "CT0010";
    private static final String NEW_LISTING = "CT0020";

    private final AgroalDataSource dataSource;

    @Inject
    ClosingTicksTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static DailyBar bar(int day, int close) {
        return new DailyBar(MON.plusDays(day), close, close, close, close, 100L * close, false);
    }

    private static List<DailyBar> heldBars() {
        return List.of(bar(0, 1000), bar(1, 1010), bar(2, 1020));
    }

    private static MarketSnapshot held() {
        return MarketSnapshot.of(List.of(new HeldStock(HELD, "보유", Market.KOSPI, DailyBar.traded(heldBars()),
                HeldStock.Flows.NONE)));
    }

    /** Each ticker's days as [day, close], newest first, the same both ways; fails where the two ways differ. */
    private Map<String, List<List<Long>>> latest(Map<String, List<DailyBar>> written) throws SQLException {
        Map<String, List<List<Long>>> inMemory = days(ClosingTicks.latestTwo(held(), written));
        assertEquals(inMemory, fromTables(written), "the query on the tables finds the same days");
        return inMemory;
    }

    private Map<String, List<List<Long>>> fromTables(Map<String, List<DailyBar>> written) throws SQLException {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                store(conn, HELD, heldBars());
                for (Map.Entry<String, List<DailyBar>> w : written.entrySet()) {
                    store(conn, w.getKey(), w.getValue());
                }
                return days(ClosingTicks.latestTwo(conn, written));
            } finally {
                conn.rollback();
            }
        }
    }

    /** Writes bars over whatever the day held, as an import does. */
    private static void store(Connection conn, String ticker, List<DailyBar> bars) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("""
                INSERT INTO daily_bars (ticker, trade_date, open, high, low, close, volume, halted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticker, trade_date) DO UPDATE SET open = excluded.open, high = excluded.high,
                    low = excluded.low, close = excluded.close, volume = excluded.volume, halted = excluded.halted""")) {
            for (DailyBar b : bars) {
                st.setString(1, ticker);
                st.setObject(2, b.date());
                st.setObject(3, b.halted() ? null : b.open());
                st.setObject(4, b.halted() ? null : b.high());
                st.setObject(5, b.halted() ? null : b.low());
                st.setInt(6, b.close());
                st.setLong(7, b.volume());
                st.setBoolean(8, b.halted());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static Map<String, List<List<Long>>> days(Map<String, List<long[]>> found) {
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            List<List<Long>> days = new ArrayList<>();
            e.getValue().forEach(d -> days.add(List.of(d[0] - MON.toEpochDay(), d[1])));
            return days;
        }));
    }

    @Test
    void aNewDayIsTheLatestAndTheHeldLastOneBeforeIt() throws SQLException {
        assertEquals(Map.of(HELD, List.of(List.of(3L, 1030L), List.of(2L, 1020L))),
                latest(Map.of(HELD, List.of(bar(3, 1030)))));
    }

    @Test
    void aNewListingHasOnlyItsOwnDays() throws SQLException {
        assertEquals(Map.of(NEW_LISTING, List.of(List.of(5L, 505L), List.of(4L, 504L))),
                latest(Map.of(NEW_LISTING, List.of(bar(3, 503), bar(4, 504), bar(5, 505)))));
    }

    @Test
    void aChangedLatestBarReplacesTheHeldOne() throws SQLException {
        assertEquals(Map.of(HELD, List.of(List.of(2L, 999L), List.of(1L, 1010L))),
                latest(Map.of(HELD, List.of(bar(2, 999)))));
    }

    @Test
    void olderHistoryLeavesTheHeldLatestOnTop() throws SQLException {
        assertEquals(Map.of(HELD, List.of(List.of(2L, 1020L), List.of(1L, 1010L))),
                latest(Map.of(HELD, List.of(bar(-1, 990)))));
    }

    @Test
    void aHaltWrittenOverTheLatestDayIsNoTradedDay() throws SQLException {
        assertEquals(Map.of(HELD, List.of(List.of(1L, 1010L), List.of(0L, 1000L))),
                latest(Map.of(HELD, List.of(DailyBar.halt(MON.plusDays(2), 1020)))));
    }
}
