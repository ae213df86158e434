package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import kr.vcp.model.Grade;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import org.junit.jupiter.api.Test;

class VcpEngineTest {

    private static final LocalDateTime CREATED = LocalDateTime.of(2025, 6, 17, 15, 40);
    static final VcpEngine ENGINE = new VcpEngine(new VcpEngine.Settings(
            new Universe.Rules(1_000, 230, 500_000_000, 20), 70, 8, VcpDetectorTest.RULES,
            new RiskPlan.Rules(0.08, 2.5, 100_000_000, 0.01, 0.20), new InvestorFlows.Rules(5, 15)));

    private static StockBars stock(String ticker, String name, Market market, PriceSeries s) {
        return new StockBars(ticker, name, market, s);
    }

    /** Liquid stocks going nowhere, so the textbook stock leads on relative strength. */
    private static List<StockBars> withPeers(StockBars... stocks) {
        List<StockBars> universe = new ArrayList<>(List.of(stocks));
        int n = stocks[0].series().size();
        for (int i = 0; i < 4; i++) {
            universe.add(stock("10000" + i, "횡보" + i, Market.KOSDAQ,
                    Bars.startingAt(20_000 + i * 100).leg(n - 1, 20_500 + i * 300, 1_000_000).series()));
        }
        return universe;
    }

    @Test
    void aTextbookBaseInAStageTwoUptrendIsAnAGradeSignalWithThePlanOnTheTickGrid() {
        StockBars textbook = stock("900010", "교과서전자", Market.KOSPI, VcpDetectorTest.textbookBase().series());

        VcpEngine.Result result = ENGINE.scan(withPeers(textbook), EnumSet.allOf(Market.class), 0, 10, CREATED);

        assertEquals(1, result.candidates().size());
        Signal s = result.candidates().get(0).signal();
        assertEquals("900010", s.ticker());
        assertEquals(29_000, s.entryPrice());   // the pivot
        assertEquals(27_200, s.stopLoss());     // a tick under the last low 27,260, on the 50-won grid
        assertEquals(33_500, s.targetPrice());  // 29,000 + 2.5 x 1,800
        assertEquals(555, s.positionSize());    // 1% of 100M / 1,800 risk per share
        assertEquals(10, s.score());
        assertEquals(Grade.A, s.grade(), "the last pullback 6% deep, 0.24 of the first: in the range that paid");
        assertEquals("수축률 0.24", s.reasons().get(0));
        assertEquals("수축 3회 25→12→6%", s.reasons().get(1));
        assertEquals(List.of("수축률 0.24", "수축 3회 25→12→6%", "거래량 감소 0.44", "RS 99", "피벗까지 1.0%",
                "추세 템플릿 8/8"), s.reasons());
        assertEquals(CREATED, s.createdAt());
    }

    @Test
    void aBaseInterruptedByATradingHaltIsJudgedOnItsTradingDays() {
        PriceSeries full = VcpDetectorTest.textbookBase().series();
        int halt = full.size() - 20; // five halted days inside the second contraction: no rows, not zero prices
        PriceSeries halted = without(full, halt, halt + 5);

        VcpEngine.Result result = ENGINE.scan(withPeers(stock("900010", "거래정지후", Market.KOSPI, halted)),
                EnumSet.allOf(Market.class), 0, 10, CREATED);

        Signal s = result.candidates().get(0).signal();
        assertEquals(29_000, s.entryPrice());
        assertEquals(27_200, s.stopLoss());
    }

    @Test
    void aDowntrendIsExplainedAsFailingTheTrendTemplate() {
        StockBars down = stock("900020", "하락중", Market.KOSPI, Bars.startingAt(50_000).leg(299, 20_000, 1_000_000).series());

        Evaluation e = ENGINE.explain(withPeers(down), "900020", CREATED).orElseThrow();

        assertNull(e.signal());
        assertTrue(e.trendPassed() < 4, "passed " + e.trendPassed());
        assertTrue(e.verdict().startsWith("추세 템플릿"), e.verdict());
        assertEquals(8, e.trend().size());
    }

    @Test
    void preferredSharesSpacsFundsAndIlliquidStocksAreOutsideTheUniverse() {
        PriceSeries base = VcpDetectorTest.textbookBase().series();
        List<StockBars> universe = withPeers(
                stock("900015", "교과서전자우", Market.KOSPI, base),
                stock("900030", "미래에셋스팩9호", Market.KOSDAQ, base),
                stock("900040", "KODEX 반도체", Market.KOSPI, base),
                stock("900050", "한국리츠", Market.KOSPI, base),
                stock("900060", "거래부족", Market.KOSDAQ, Bars.startingAt(10_000).leg(293, 20_000, 10_000).series()));

        assertTrue(ENGINE.scan(universe, EnumSet.allOf(Market.class), 0, 10, CREATED).candidates().isEmpty());
        assertEquals(List.of("우선주"), ENGINE.explain(universe, "900015", CREATED).orElseThrow().exclusions());
        assertEquals(List.of("스팩"), ENGINE.explain(universe, "900030", CREATED).orElseThrow().exclusions());
        assertEquals(List.of("ETF/ETN/리츠"), ENGINE.explain(universe, "900040", CREATED).orElseThrow().exclusions());
        assertEquals(List.of("ETF/ETN/리츠"), ENGINE.explain(universe, "900050", CREATED).orElseThrow().exclusions());
        assertTrue(ENGINE.explain(universe, "900060", CREATED).orElseThrow().exclusions().get(0).startsWith("거래대금"));
    }

    @Test
    void onlyTheScannedMarketsGiveSignalsButRelativeStrengthRanksBoth() {
        StockBars textbook = stock("900010", "교과서전자", Market.KOSPI, VcpDetectorTest.textbookBase().series());

        VcpEngine.Result kosdaq = ENGINE.scan(withPeers(textbook), EnumSet.of(Market.KOSDAQ), 0, 10, CREATED);

        assertTrue(kosdaq.candidates().isEmpty());
        assertEquals(4, kosdaq.universe());
    }

    @Test
    void theGradeIsTheContractionThatHeldOutOfSampleWhateverTheRestOfTheScore() {
        // contraction: 1 for a last pullback over 8%, 1.5 for 5-8%, 2 for 5% or less; +1 when it is at most 0.3 of the first
        assertEquals(Grade.B, VcpEngine.grade(new Evaluation.Score(2, 1.0, 2, 2, 1, 1, 9)), "too loose");
        assertEquals(Grade.A, VcpEngine.grade(new Evaluation.Score(2, 1.5, 0, 0, 0, 0, 4)));
        assertEquals(Grade.A, VcpEngine.grade(new Evaluation.Score(2, 2.0, 1, 1, 0, 0, 6)));
        assertEquals(Grade.A, VcpEngine.grade(new Evaluation.Score(2, 2.5, 2, 2, 1, 0, 10)));
        assertEquals(Grade.B, VcpEngine.grade(new Evaluation.Score(2, 3.0, 2, 2, 1, 1, 10)), "too tight");
    }

    private static PriceSeries without(PriceSeries s, int from, int to) {
        return s.select(java.util.stream.IntStream.range(0, s.size()).filter(i -> i < from || i >= to).toArray());
    }
}
