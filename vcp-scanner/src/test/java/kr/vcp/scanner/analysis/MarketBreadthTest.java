package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;
import org.junit.jupiter.api.Test;

class MarketBreadthTest {

    private static StockBars stock(String ticker, Market market, PriceSeries series) {
        return new StockBars(ticker, "종목" + ticker, market, series, null);
    }

    private static final PriceSeries RISING = Bars.startingAt(10_000).leg(300, 30_000, 100_000).series();
    private static final PriceSeries FALLING = Bars.startingAt(30_000).leg(300, 10_000, 100_000).series();
    private static final LocalDate DAY = RISING.lastDate();

    private static MarketBreadth.Gate gate(List<StockBars> universe) {
        Map<String, Integer> ratings = new HashMap<>();
        for (int i = 0; i < universe.size(); i++) {
            ratings.put(universe.get(i).ticker(), universe.get(i).series() == RISING ? 95 : 5);
        }
        return MarketBreadth.of(DAY, universe, new VcpEngine.Ratings(DAY, ratings), 70);
    }

    @Test
    void aMarketOfStocksAllMakingNewHighsInUptrendsIsGreenAtFullLevel() {
        List<StockBars> universe = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            universe.add(stock("A0000" + i, Market.KOSPI, RISING));
        }

        MarketBreadth.Gate gate = gate(universe);

        MarketBreadth.Reading kospi = gate.markets().get(Market.KOSPI);
        assertEquals(10, kospi.stocks());
        assertEquals(1.0, kospi.above50());
        assertEquals(1.0, kospi.above200());
        assertEquals(10, kospi.newHighs());
        assertEquals(0, kospi.newLows());
        assertEquals(1.0, kospi.templateShare());
        assertEquals(100, gate.level());
        assertEquals("GREEN", gate.status());
    }

    @Test
    void aMarketOfStocksAllFallingToNewLowsIsRedAtZero() {
        List<StockBars> universe = List.of(stock("B00001", Market.KOSDAQ, FALLING), stock("B00002", Market.KOSDAQ, FALLING));

        MarketBreadth.Gate gate = gate(universe);

        assertEquals(0, gate.markets().get(Market.KOSDAQ).newHighs());
        assertEquals(2, gate.markets().get(Market.KOSDAQ).newLows());
        assertEquals(0, gate.level());
        assertEquals("RED", gate.status());
    }

    @Test
    void bothMarketsTogetherWeighEachByItsStocksAndEachHasItsOwnStatus() {
        List<StockBars> universe = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            universe.add(stock("C0000" + i, Market.KOSPI, RISING));
        }
        universe.add(stock("D00001", Market.KOSDAQ, FALLING));
        // A stock that did not trade on the day, and one without 200 days of history, are not counted.
        universe.add(stock("E00001", Market.KOSDAQ, RISING.slice(0, RISING.size() - 1)));
        universe.add(stock("E00002", Market.KOSDAQ, RISING.slice(RISING.size() - 100, RISING.size())));

        MarketBreadth.Gate gate = gate(universe);

        assertEquals("GREEN", gate.markets().get(Market.KOSPI).status());
        assertEquals("RED", gate.markets().get(Market.KOSDAQ).status());
        assertEquals(1, gate.markets().get(Market.KOSDAQ).stocks());
        assertEquals(75, gate.level()); // (3 x 100 + 1 x 0) / 4
        assertEquals("GREEN", gate.status());
        assertEquals("YELLOW", MarketBreadth.status(59));
        assertEquals("YELLOW", MarketBreadth.status(40));
        assertEquals("RED", MarketBreadth.status(39));
    }

    @Test
    void anIndexAboveItsAveragesLiftsItsMarketAndOneBelowThemLowersIt() {
        List<StockBars> universe = List.of(stock("F00001", Market.KOSPI, RISING), stock("G00001", Market.KOSDAQ, FALLING));
        MarketBreadth.Gate gate = gate(universe);
        double[] rising = new double[200];
        double[] falling = new double[200];
        for (int i = 0; i < 200; i++) {
            rising[i] = 2000 + i;
            falling[i] = 900 - i;
        }

        MarketBreadth.Gate withIndices = gate.withIndices(Map.of(Market.KOSPI, MarketBreadth.IndexTrend.of(falling),
                Market.KOSDAQ, MarketBreadth.IndexTrend.of(rising)));

        assertEquals(80, withIndices.markets().get(Market.KOSPI).level()); // 0.8 x 100 + 0
        assertEquals(20, withIndices.markets().get(Market.KOSDAQ).level()); // 0.8 x 0 + 20
        assertEquals(50, withIndices.level());
        assertEquals(2199.0, withIndices.indices().get(Market.KOSDAQ).close());
        assertEquals(1.0, withIndices.indices().get(Market.KOSDAQ).change());
        assertEquals(0.05, withIndices.indices().get(Market.KOSDAQ).changePct());
        // Fewer than 200 days: shown, not judged.
        MarketBreadth.IndexTrend young = MarketBreadth.IndexTrend.of(java.util.Arrays.copyOf(rising, 60));
        assertEquals(true, young.above50());
        assertEquals(null, young.above200());
        assertEquals(100, gate.withIndices(Map.of(Market.KOSPI, young)).markets().get(Market.KOSPI).level());
    }
}
