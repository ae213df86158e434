package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import kr.vcp.model.Grade;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import org.junit.jupiter.api.Test;

class TrendTemplateEngineTest {

    private static final LocalDate LAST = LocalDate.of(2025, 6, 17);
    private static final LocalDateTime CREATED = LocalDateTime.of(2025, 6, 17, 15, 40);
    private static final TrendTemplateEngine ENGINE = new TrendTemplateEngine(new TrendTemplateEngine.Settings(
            1_000, 230, 70, 10, new RiskPlan.Rules(0.08, 2.5, 100_000_000, 0.01, 0.20)));

    /** {@code n} bars ending on LAST, close given by {@code price(i)}, a 1% range around it. */
    private static StockBars stock(String ticker, String name, int n, IntToDoubleFunction price) {
        LocalDate[] dates = new LocalDate[n];
        int[] open = new int[n];
        int[] high = new int[n];
        int[] low = new int[n];
        int[] close = new int[n];
        long[] volume = new long[n];
        for (int i = 0; i < n; i++) {
            dates[i] = LAST.minusDays(n - 1 - i);
            close[i] = (int) Math.round(price.applyAsDouble(i));
            open[i] = close[i];
            high[i] = (int) Math.round(close[i] * 1.01);
            low[i] = (int) Math.round(close[i] * 0.99);
            volume[i] = 100_000;
        }
        return new StockBars(ticker, name, Market.KOSPI, new PriceSeries(dates, open, high, low, close, volume));
    }

    private static StockBars uptrend(String ticker, double dailyGain) {
        return stock(ticker, "상승" + ticker, 300, i -> 10_000 * Math.pow(1 + dailyGain, i));
    }

    @Test
    void aSteadyUptrendMeetsAllEightCriteriaAndScoresTen() {
        List<StockBars> universe = List.of(uptrend("000010", 0.004), uptrend("000020", 0.001),
                stock("000030", "횡보", 300, i -> 10_000));

        TrendTemplateEngine.Result result = ENGINE.scan(universe, 0, 10, CREATED);

        Signal best = result.candidates().get(0).signal();
        assertEquals("000010", best.ticker());
        assertEquals(10, best.score());
        assertEquals(Grade.S, best.grade());
        assertEquals("추세 템플릿 8/8", best.reasons().get(0));
        assertEquals("RS 99", best.reasons().get(1));
        assertEquals(LAST, result.signalDate());
        assertEquals(3, result.analysed());
    }

    @Test
    void aDowntrendMeetsNoneAndIsFilteredByMinScore() {
        List<StockBars> universe = List.of(uptrend("000010", 0.003),
                stock("000040", "하락", 300, i -> 50_000 * Math.pow(0.997, i)));

        TrendTemplateEngine.Result result = ENGINE.scan(universe, 5, 10, CREATED);

        assertEquals(List.of("000010"), result.candidates().stream().map(c -> c.signal().ticker()).toList());
        Signal down = ENGINE.scan(universe, 0, 10, CREATED).candidates().get(1).signal();
        assertEquals("000040", down.ticker());
        assertEquals(0, down.score());
        assertEquals(Grade.C, down.grade());
    }

    @Test
    void preferredSharesSpacsShortHistoriesAndPennyStocksAreLeftOut() {
        List<StockBars> universe = List.of(uptrend("000010", 0.003),
                stock("005935", "삼성전자우", 300, i -> 10_000 * Math.pow(1.003, i)),
                stock("000150", "두산우B", 300, i -> 10_000 * Math.pow(1.003, i)),
                stock("000160", "하나금융스팩1호", 300, i -> 10_000 * Math.pow(1.003, i)),
                stock("000170", "신규상장", 120, i -> 10_000 * Math.pow(1.003, i)),
                stock("000180", "동전주", 300, i -> 300 * Math.pow(1.003, i)));

        TrendTemplateEngine.Result result = ENGINE.scan(universe, 0, 10, CREATED);

        assertEquals(6, result.universe());
        assertEquals(1, result.analysed());
        assertEquals(List.of("000010"), result.candidates().stream().map(c -> c.signal().ticker()).toList());
    }

    @Test
    void aStockWhoseLastBarIsOlderThanTheSignalDayIsNotASignal() {
        StockBars stale = stock("000050", "거래정지", 300, i -> 10_000 * Math.pow(1.003, i));
        PriceSeries s = stale.series();
        int n = s.size() - 5;
        StockBars truncated = new StockBars(stale.ticker(), stale.name(), stale.market(), new PriceSeries(
                java.util.Arrays.copyOf(s.dates(), n), java.util.Arrays.copyOf(s.open(), n),
                java.util.Arrays.copyOf(s.high(), n), java.util.Arrays.copyOf(s.low(), n),
                java.util.Arrays.copyOf(s.close(), n), java.util.Arrays.copyOf(s.volume(), n)));

        TrendTemplateEngine.Result result = ENGINE.scan(List.of(uptrend("000010", 0.003), truncated), 0, 10, CREATED);

        assertFalse(result.candidates().stream().anyMatch(c -> c.signal().ticker().equals("000050")));
    }

    @Test
    void topNCutsTheRankedList() {
        List<StockBars> universe = List.of(uptrend("000010", 0.004), uptrend("000020", 0.003),
                uptrend("000030", 0.002));

        TrendTemplateEngine.Result result = ENGINE.scan(universe, 0, 2, CREATED);

        assertEquals(2, result.candidates().size());
        assertTrue(result.candidates().get(0).rsRating() >= result.candidates().get(1).rsRating());
    }

    @Test
    void gradesFollowTheDocumentedCutOffs() {
        assertEquals(Grade.S, TrendTemplateEngine.grade(9));
        assertEquals(Grade.A, TrendTemplateEngine.grade(8));
        assertEquals(Grade.A, TrendTemplateEngine.grade(7));
        assertEquals(Grade.B, TrendTemplateEngine.grade(5));
        assertEquals(Grade.C, TrendTemplateEngine.grade(4));
    }
}
