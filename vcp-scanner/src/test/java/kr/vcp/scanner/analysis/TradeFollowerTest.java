package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TradeFollowerTest {

    private static final LocalDate SIGNAL_DAY = LocalDate.of(2025, 6, 2);
    /** No costs, so the returns are the prices' own: entry 10,000, stop 9,500 (risk 500), target 11,250 (2.5 R). */
    private static final TradeFollower FREE = new TradeFollower(new TradeFollower.Rules(3, 5, 0, 0, 0));

    /** Bars on the days after the signal day, each {open, high, low, close}. */
    private static PriceSeries after(int[]... bars) {
        int n = bars.length + 1;
        LocalDate[] dates = new LocalDate[n];
        int[] o = new int[n];
        int[] h = new int[n];
        int[] l = new int[n];
        int[] c = new int[n];
        dates[0] = SIGNAL_DAY;
        o[0] = h[0] = l[0] = c[0] = 9_900; // the signal day itself never triggers
        h[0] = 10_400;
        for (int i = 1; i < n; i++) {
            dates[i] = SIGNAL_DAY.plusDays(i);
            o[i] = bars[i - 1][0];
            h[i] = bars[i - 1][1];
            l[i] = bars[i - 1][2];
            c[i] = bars[i - 1][3];
        }
        return new PriceSeries(dates, o, h, l, c, new long[n]);
    }

    private static TradeFollower.Trade follow(TradeFollower follower, PriceSeries bars) {
        return follower.follow(SIGNAL_DAY, 10_000, 9_500, 11_250, bars);
    }

    @Test
    void aBuyStopTriggersAtTheEntryAndSellsAtTheTarget() {
        var trade = follow(FREE, after(new int[] {9_900, 10_100, 9_800, 10_050}, new int[] {10_100, 11_300, 10_000, 11_200}));

        assertEquals(TradeFollower.State.CLOSED, trade.state());
        assertEquals(TradeFollower.Exit.TARGET, trade.exit());
        assertEquals(SIGNAL_DAY.plusDays(1), trade.entryDate());
        assertEquals(10_000L, trade.entryPrice());
        assertEquals(11_250L, trade.exitPrice());
        assertEquals(12.5, trade.returnPct());
        assertEquals(2.5, trade.returnR());
    }

    @Test
    void aGapAboveTheEntryFillsAtTheOpenAndAGapBelowTheStopSellsAtTheOpen() {
        var trade = follow(FREE, after(new int[] {10_200, 10_300, 10_100, 10_250}, new int[] {9_300, 9_400, 9_200, 9_300}));

        assertEquals(10_200L, trade.entryPrice());
        assertEquals(TradeFollower.Exit.STOP, trade.exit());
        assertEquals(9_300L, trade.exitPrice());
        assertEquals(-1.8, trade.returnR()); // (9,300 - 10,200) / 500
    }

    @Test
    void aDayTouchingTheEntryAndTheStopIsStoppedOut() {
        var trade = follow(FREE, after(new int[] {9_900, 10_050, 9_400, 9_600}));

        assertEquals(TradeFollower.Exit.STOP, trade.exit());
        assertEquals(9_500L, trade.exitPrice());
        assertEquals(-1.0, trade.returnR());
    }

    @Test
    void afterItsHoldingDaysATradeIsSoldAtTheClose() {
        int[] quiet = {10_050, 10_200, 9_900, 10_100};
        var trade = follow(FREE, after(new int[] {9_950, 10_100, 9_900, 10_000}, quiet, quiet, quiet,
                new int[] {10_100, 10_300, 10_000, 10_300}, quiet));

        assertEquals(TradeFollower.Exit.TIME, trade.exit());
        assertEquals(SIGNAL_DAY.plusDays(5), trade.exitDate());
        assertEquals(10_300L, trade.exitPrice());
        assertEquals(3.0, trade.returnPct());
    }

    @Test
    void untriggeredIsPendingWithinItsDaysAndExpiredAfter() {
        int[] below = {9_800, 9_900, 9_700, 9_850};

        assertEquals(TradeFollower.State.PENDING, follow(FREE, after(below, below)).state());
        var expired = follow(FREE, after(below, below, below, new int[] {10_000, 10_500, 9_900, 10_400}));
        assertEquals(TradeFollower.State.EXPIRED, expired.state());
        assertNull(expired.entryPrice());
    }

    @Test
    void triggeredAndNeitherStoppedNorAtTargetIsOpen() {
        var trade = follow(FREE, after(new int[] {9_900, 10_100, 9_800, 10_050}));

        assertEquals(TradeFollower.State.OPEN, trade.state());
        assertEquals(10_000L, trade.entryPrice());
        assertNull(trade.exitPrice());
    }

    @Test
    void costsComeOffTheReturn() {
        TradeFollower costly = new TradeFollower(new TradeFollower.Rules(3, 5, 0.002, 0.00015, 0.001));
        var trade = follow(costly, after(new int[] {9_900, 10_100, 9_800, 10_050}, new int[] {10_100, 11_300, 10_000, 11_200}));

        // Paid 10,000 x 1.00115 = 10,011.5; got 11,250 x (1 - 0.00315) = 11,214.56
        assertEquals(12.02, trade.returnPct());
        assertEquals(2.41, trade.returnR());
    }

    @Test
    void followingTheSameBarsAgainGivesTheSameTrade() {
        PriceSeries bars = after(new int[] {9_900, 10_100, 9_800, 10_050}, new int[] {10_100, 11_300, 10_000, 11_200});

        assertEquals(follow(FREE, bars), follow(FREE, bars));
    }

    @Test
    void aTradingHaltIsNoPriceTheTradeResumesOnTheNextTradedDay() {
        // Halted days are not in the series at all (a halt has no prices): the third day after the signal is missing.
        PriceSeries full = after(new int[] {9_900, 10_100, 9_800, 10_050}, new int[] {10_000, 10_100, 9_900, 10_000},
                new int[] {10_000, 10_100, 9_900, 10_000}, new int[] {10_100, 11_400, 10_000, 11_300});
        PriceSeries halted = full.select(new int[] {0, 1, 2, 4});
        TradeFollower threeDays = new TradeFollower(new TradeFollower.Rules(3, 3, 0, 0, 0));

        var trade = follow(threeDays, halted);

        // Entry on day 1; day 2 traded; day 3 halted; day 4 is the trade's third traded day and reaches the target.
        assertEquals(SIGNAL_DAY.plusDays(1), trade.entryDate());
        assertEquals(TradeFollower.Exit.TARGET, trade.exit());
        assertEquals(SIGNAL_DAY.plusDays(4), trade.exitDate());
        assertEquals(11_250L, trade.exitPrice());
        // Without the halt, the third traded day is day 3, and the trade is sold there at the close.
        var unhalted = follow(threeDays, full);
        assertEquals(TradeFollower.Exit.TIME, unhalted.exit());
        assertEquals(SIGNAL_DAY.plusDays(3), unhalted.exitDate());
        assertEquals(10_000L, unhalted.exitPrice());
    }
}
