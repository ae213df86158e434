package kr.vcp.scanner.synthetic;

import kr.vcp.scanner.marketdata.DailyBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import kr.vcp.scanner.analysis.TickGrid;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

    private static final SyntheticMarket.Generated KRX = SyntheticMarket.generate(SyntheticMarket.Spec.krx(42));

    @Test
    void theSameSeedGivesTheSameMarketAndAnotherSeedAnotherOne() {
        var spec = new SyntheticMarket.Spec(7, 50, 300, LocalDate.of(2025, 6, 17), 0.1, 0.1);

        assertEquals(SyntheticMarket.generate(spec), SyntheticMarket.generate(spec));
        assertTrue(!SyntheticMarket.generate(spec).equals(SyntheticMarket.generate(
                new SyntheticMarket.Spec(8, 50, 300, LocalDate.of(2025, 6, 17), 0.1, 0.1))));
    }

    @Test
    void isKrxSizedWithTheListingsRealExportsHave() {
        List<SyntheticMarket.Listing> listings = KRX.listings();

        assertTrue(listings.size() >= 2_700, "listings " + listings.size());
        assertTrue(listings.stream().allMatch(l -> l.bars().size() == 400));
        assertTrue(count(listings, l -> l.stock().ticker().endsWith("5") && l.stock().name().endsWith("우")) > 50);
        assertTrue(count(listings, l -> l.stock().name().contains("스팩")) > 20);
        assertTrue(count(listings, l -> l.stock().name().startsWith("KODEX") || l.stock().name().startsWith("TIGER")) > 20);
        assertTrue(count(listings, l -> l.bars().stream().anyMatch(DailyBar::halted)) > 20);
        assertTrue(count(listings, l -> l.stock().market() == kr.vcp.model.Market.KOSPI) > 800);
        assertEquals(100, KRX.planted().size());
        assertTrue(KRX.decoys().size() > 80);
    }

    @Test
    void everyBarIsAValidTradingDayOrAHalt() {
        for (SyntheticMarket.Listing l : KRX.listings()) {
            LocalDate previous = null;
            for (DailyBar b : l.bars()) {
                assertTrue(b.date().getDayOfWeek() != DayOfWeek.SATURDAY && b.date().getDayOfWeek() != DayOfWeek.SUNDAY);
                assertTrue(previous == null || b.date().isAfter(previous));
                previous = b.date();
                if (b.halted()) {
                    assertEquals(0, b.volume());
                } else {
                    assertTrue(b.low() > 0 && b.low() <= b.open() && b.open() <= b.high(), l.stock() + " " + b);
                    assertTrue(b.low() <= b.close() && b.close() <= b.high(), l.stock() + " " + b);
                    assertTrue(TickGrid.isOnGrid(b.open()) && TickGrid.isOnGrid(b.high()) && TickGrid.isOnGrid(b.low())
                            && TickGrid.isOnGrid(b.close()), "quotes on the KRX grid: " + l.stock() + " " + b);
                }
            }
            assertEquals(LocalDate.of(2025, 6, 17), previous);
        }
    }

    @Test
    void plantedSetupsRecordTheirPivotLastLowAndShrinkingDepths() {
        for (SyntheticMarket.Planted p : KRX.planted()) {
            assertTrue(p.lastLow() < p.pivot());
            assertTrue(TickGrid.isOnGrid(p.pivot()) && TickGrid.isOnGrid(p.lastLow()), p.toString());
            for (int i = 1; i < p.depths().size(); i++) {
                assertTrue(p.depths().get(i) < p.depths().get(i - 1), p.toString());
            }
            assertTrue(p.depths().get(0) <= 0.40 && p.depths().get(p.depths().size() - 1) <= 0.08, p.toString());
        }
    }

    private static long count(List<SyntheticMarket.Listing> listings,
            java.util.function.Predicate<SyntheticMarket.Listing> test) {
        return listings.stream().filter(test).count();
    }
}
