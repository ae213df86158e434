package kr.vcp.scanner.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.scanner.SyntheticDataset;
import kr.vcp.scanner.analysis.TradeFollower;
import kr.vcp.scanner.marketdata.DailyBar;
import kr.vcp.scanner.marketdata.HeldStock;
import kr.vcp.scanner.marketdata.MarketSnapshot;
import kr.vcp.scanner.synthetic.SyntheticMarket;
import org.junit.jupiter.api.Test;

/**
 * The backtest on a generated market whose setups end 40 days before its last day and whose breakouts are planted:
 * two in three carried to 3.5 R above the pivot, the third failing through the stop. The walk must find the setups
 * on their day and trade each as it was planted, and the figures must follow from the plants.
 */
@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class PlantedBreakoutsTest {

    @Inject
    BacktestService backtests;

    private static final SyntheticMarket.Spec SPEC = new SyntheticMarket.Spec(21, 400, 300, LocalDate.of(2025, 6, 17),
            0.08, 0.03, 40);

    /** The generated market held in memory, each listing's bars as {@code bars} makes them. */
    private static MarketSnapshot held(SyntheticMarket.Generated market,
            Function<List<DailyBar>, List<DailyBar>> bars) {
        return MarketSnapshot.of(market.listings().stream()
                .map(l -> new HeldStock(l.stock().ticker(), l.stock().name(), l.stock().market(),
                        DailyBar.traded(bars.apply(l.bars())), HeldStock.Flows.NONE))
                .toList());
    }

    @Test
    void aBacktestToADayChoosesTheSameSignalsWhateverBarsComeAfterIt() {
        SyntheticMarket.Generated market = SyntheticMarket.generate(SPEC);
        LocalDate setupDay = market.planted().get(0).setupDay();
        List<LocalDate> days = market.listings().get(0).bars().stream().map(DailyBar::date)
                .filter(d -> !d.isAfter(setupDay)).toList();
        days = days.subList(days.size() - 10, days.size());
        BacktestRequest request = new BacktestRequest(days.get(0), setupDay, "ALL", 0, 100, null);

        BacktestReport withFuture = backtests.walk(held(market, Function.identity()), days, request, new AtomicInteger());
        // After the last day walked: nothing at all, or every later bar at half its price.
        BacktestReport cut = backtests.walk(held(market, bars -> bars.stream()
                .filter(b -> !b.date().isAfter(setupDay)).toList()), days, request, new AtomicInteger());
        BacktestReport crashed = backtests.walk(held(market, bars -> bars.stream()
                .map(b -> !b.date().isAfter(setupDay) || b.halted() ? b : new DailyBar(b.date(), b.open() / 2,
                        b.high() / 2, b.low() / 2, b.close() / 2, b.volume(), false))
                .toList()), days, request, new AtomicInteger());

        List<String> chosen = signals(withFuture);
        assertTrue(chosen.size() > 27, "the planted setups and others over 10 days: " + chosen.size());
        assertEquals(chosen, signals(cut));
        assertEquals(chosen, signals(crashed));
        // What came after does decide how the trades went: sold later with it, never after the last day without it.
        assertTrue(withFuture.trades().stream().anyMatch(t -> t.exitDate() != null && t.exitDate().isAfter(setupDay)));
        assertTrue(cut.trades().stream().allMatch(t -> t.exitDate() == null || !t.exitDate().isAfter(setupDay)));
    }

    /** Each trade's signal: the day, the stock, its plan, score and grade; not how it went. */
    private static List<String> signals(BacktestReport report) {
        return report.trades().stream().map(t -> t.signalDate() + " " + t.ticker() + " " + t.entryPrice() + "/"
                + t.stopLoss() + "/" + t.targetPrice() + " " + t.score() + t.grade() + " " + t.scoreParts()).toList();
    }

    @Test
    void plantedSetupsAreFoundOnTheirDayAndTradedAsTheirBreakoutsWerePlanted() {
        SyntheticMarket.Generated market = SyntheticMarket.generate(SPEC);
        MarketSnapshot held = held(market, Function.identity());
        LocalDate setupDay = market.planted().get(0).setupDay();

        BacktestReport report = backtests.walk(held, List.of(setupDay),
                new BacktestRequest(setupDay, setupDay, "ALL", 0, 100, null), new AtomicInteger());

        Map<String, BacktestReport.Trade> traded = report.trades().stream()
                .collect(Collectors.toMap(BacktestReport.Trade::ticker, Function.identity()));
        List<BacktestReport.Trade> plantedTrades = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int breakouts = 0;
        for (SyntheticMarket.Planted p : market.planted()) {
            BacktestReport.Trade t = traded.get(p.ticker());
            if (t == null) {
                continue;
            }
            plantedTrades.add(t);
            boolean up = p.outcome() == SyntheticMarket.Outcome.BREAKOUT;
            breakouts += up ? 1 : 0;
            boolean asPlanted = up
                    ? t.exitReason() == TradeFollower.Exit.TARGET && t.returnR() > 2.2 && t.returnR() <= 2.5
                    : t.exitReason() == TradeFollower.Exit.STOP && t.returnR() < -0.9 && t.returnR() > -1.5;
            if (!asPlanted || t.entryFill() != t.entryPrice()) {
                wrong.add(p.ticker() + " planted " + p.outcome() + ": " + t);
            }
        }
        BacktestReport.Figures figures = BacktestReport.figures(plantedTrades);
        System.out.printf("Planted breakouts: %d setups on %s, %d traded (%d planted to break out); win rate %.1f%%,"
                + " average %.2f R%n", market.planted().size(), setupDay, plantedTrades.size(), breakouts,
                figures.winRate(), figures.avgR());

        assertTrue(market.planted().size() >= 20, "planted " + market.planted().size());
        assertTrue(plantedTrades.size() >= market.planted().size() * 0.9,
                plantedTrades.size() + " of " + market.planted().size() + " planted setups traded");
        assertTrue(breakouts > 0 && breakouts < plantedTrades.size(), "both outcomes planted: " + breakouts);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(100.0 * breakouts / plantedTrades.size(), figures.winRate(), 0.01, "the win rate is the plants'");
        assertEquals(plantedTrades.size(), figures.closed(), "every planted trade closed within the 40 days");
    }
}
