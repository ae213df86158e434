package kr.vcp.scanner.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;
import org.junit.jupiter.api.Test;

/**
 * The two latest traded days of each written ticker as the held market and the write give them, which must be what
 * the tables would answer after the write (the query the import uses otherwise).
 */
class ClosingTicksTest {

    private static final LocalDate MON = LocalDate.of(2026, 3, 2);

    private static DailyBar bar(int day, int close) {
        return new DailyBar(MON.plusDays(day), close, close, close, close, 100L * close, false);
    }

    /** A ticker held with closes 1000, 1010, 1020 on days 0, 1, 2. */
    private static MarketSnapshot held() {
        return MarketSnapshot.of(List.of(new HeldStock("000010", "보유", Market.KOSPI,
                DailyBar.traded(List.of(bar(0, 1000), bar(1, 1010), bar(2, 1020))), HeldStock.Flows.NONE)));
    }

    /** Each ticker's days as [day, close], newest first. */
    private static Map<String, List<List<Long>>> latest(Map<String, List<DailyBar>> written) {
        Map<String, List<long[]>> found = ClosingTicks.latestTwo(held(), written);
        return found.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(d -> List.of(d[0] - MON.toEpochDay(), d[1])).toList()));
    }

    @Test
    void aNewDayIsTheLatestAndTheHeldLastOneBeforeIt() {
        assertEquals(Map.of("000010", List.of(List.of(3L, 1030L), List.of(2L, 1020L))),
                latest(Map.of("000010", List.of(bar(3, 1030)))));
    }

    @Test
    void aNewListingHasOnlyItsOwnDays() {
        assertEquals(Map.of("000020", List.of(List.of(5L, 505L), List.of(4L, 504L))),
                latest(Map.of("000020", List.of(bar(3, 503), bar(4, 504), bar(5, 505)))));
    }

    @Test
    void aChangedLatestBarReplacesTheHeldOne() {
        assertEquals(Map.of("000010", List.of(List.of(2L, 999L), List.of(1L, 1010L))),
                latest(Map.of("000010", List.of(bar(2, 999)))));
    }

    @Test
    void olderHistoryLeavesTheHeldLatestOnTop() {
        assertEquals(Map.of("000010", List.of(List.of(2L, 1020L), List.of(1L, 1010L))),
                latest(Map.of("000010", List.of(bar(-1, 990)))));
    }

    @Test
    void aHaltWrittenOverTheLatestDayIsNoTradedDay() {
        assertEquals(Map.of("000010", List.of(List.of(1L, 1010L), List.of(0L, 1000L))),
                latest(Map.of("000010", List.of(DailyBar.halt(MON.plusDays(2), 1020)))));
    }
}
