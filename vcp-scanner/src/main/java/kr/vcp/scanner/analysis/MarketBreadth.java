package kr.vcp.scanner.analysis;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;

/**
 * The market gate, judged from our own universe (we hold no index data): how broadly each market's stocks are in
 * up-trends on one day. Per market, over the stocks that traded that day with 200 days of history:
 *
 * <ul>
 *   <li>the share closing above their 50-day and above their 200-day averages (weights 0.3 and 0.3);</li>
 *   <li>new 52-week highs against new lows: highs / (highs + lows), one half when there are neither (0.2);</li>
 *   <li>the share passing all eight trend-template criteria, counted full at 20% of the market (0.2): even in a
 *   strong market few stocks pass all eight.</li>
 * </ul>
 * The level is 100 times the weighted sum; GREEN from {@value #GREEN}, YELLOW from {@value #YELLOW}, RED below. Both
 * markets together weigh each market by its stocks. Where a market's index levels were imported (200 days of them),
 * its level is 0.8 of that and 0.2 of its index's trend: half for closing above the index's 50-day average, half for
 * above its 200-day.
 */
public final class MarketBreadth {

    public static final int GREEN = 60;
    public static final int YELLOW = 40;

    /** Share of stocks passing the whole trend template that counts as full breadth. */
    private static final double FULL_TEMPLATE_SHARE = 0.2;

    /** One market's breadth: shares in 0..1, counts of stocks. */
    public record Reading(int stocks, double above50, double above200, int newHighs, int newLows, double templateShare,
            int level) {

        public String status() {
            return MarketBreadth.status(level);
        }
    }

    /** Both markets' readings and the two together, and the indices it was judged with (empty without index data). */
    public record Gate(LocalDate day, Map<Market, Reading> markets, int level, Map<Market, IndexTrend> indices) {

        public String status() {
            return MarketBreadth.status(level);
        }

        /** This gate with the markets' index trends in it (see {@link MarketBreadth}). */
        public Gate withIndices(Map<Market, IndexTrend> trends) {
            Map<Market, Reading> readings = new EnumMap<>(Market.class);
            for (var e : markets.entrySet()) {
                Reading r = e.getValue();
                IndexTrend index = trends.get(e.getKey());
                int level = index == null || index.above200() == null ? r.level()
                        : (int) Math.round(0.8 * r.level() + 20 * ((index.above50() ? 0.5 : 0) + (index.above200() ? 0.5 : 0)));
                readings.put(e.getKey(), new Reading(r.stocks(), r.above50(), r.above200(), r.newHighs(), r.newLows(),
                        r.templateShare(), level));
            }
            return new Gate(day, readings, combined(readings), Map.copyOf(trends));
        }
    }

    /**
     * A market's index on the gate's day: its close, the change against the close before (points and percent), and
     * whether it closed above its 50- and 200-day averages (null with fewer days than that).
     */
    public record IndexTrend(double close, double change, double changePct, Boolean above50, Boolean above200) {

        /** From the index's closes up to the day, oldest first; null without any. */
        public static IndexTrend of(double[] closes) {
            int n = closes.length;
            if (n == 0) {
                return null;
            }
            double close = closes[n - 1];
            double previous = n > 1 ? closes[n - 2] : close;
            double change = Math.round((close - previous) * 100) / 100.0;
            double pct = Math.round((close - previous) / previous * 10_000) / 100.0;
            return new IndexTrend(close, change, pct, n >= 50 ? close > mean(closes, 50) : null,
                    n >= 200 ? close > mean(closes, 200) : null);
        }

        private static double mean(double[] closes, int days) {
            double sum = 0;
            for (int i = closes.length - days; i < closes.length; i++) {
                sum += closes[i];
            }
            return sum / days;
        }
    }

    private MarketBreadth() {
    }

    public static String status(int level) {
        return level >= GREEN ? "GREEN" : level >= YELLOW ? "YELLOW" : "RED";
    }

    /** The breadth of {@code universe} on {@code day}, its stocks rated by {@code ratings}. */
    public static Gate of(LocalDate day, List<StockBars> universe, VcpEngine.Ratings ratings, int minRsRating) {
        Map<Market, int[]> counts = new EnumMap<>(Market.class); // stocks, above50, above200, highs, lows, template
        for (StockBars stock : universe) {
            PriceSeries s = stock.series();
            int t = s.last();
            if (s.size() < 200 || !s.lastDate().equals(day)) {
                continue;
            }
            int[] c = counts.computeIfAbsent(stock.market(), m -> new int[6]);
            c[0]++;
            c[1] += s.close()[t] > s.sma(t, 50) ? 1 : 0;
            c[2] += s.close()[t] > s.sma(t, 200) ? 1 : 0;
            c[3] += s.high()[t] >= s.highestHigh(t, TrendTemplate.YEAR) ? 1 : 0;
            c[4] += s.low()[t] <= s.lowestLow(t, TrendTemplate.YEAR) ? 1 : 0;
            Integer rating = ratings.byTicker().get(stock.ticker());
            c[5] += rating != null && s.size() >= TrendTemplate.MIN_BARS
                    && TrendTemplate.passed(TrendTemplate.check(s, rating, minRsRating)) == 8 ? 1 : 0;
        }
        Map<Market, Reading> readings = new EnumMap<>(Market.class);
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            double above50 = (double) c[1] / c[0];
            double above200 = (double) c[2] / c[0];
            double highs = c[3] + c[4] == 0 ? 0.5 : (double) c[3] / (c[3] + c[4]);
            double template = (double) c[5] / c[0];
            double score = 0.3 * above50 + 0.3 * above200 + 0.2 * highs + 0.2 * Math.min(1, template / FULL_TEMPLATE_SHARE);
            readings.put(e.getKey(), new Reading(c[0], round(above50), round(above200), c[3], c[4], round(template),
                    (int) Math.round(score * 100)));
        }
        return new Gate(day, readings, combined(readings), Map.of());
    }

    /** Both markets' levels together, each weighed by its stocks. */
    private static int combined(Map<Market, Reading> readings) {
        double weighted = 0;
        int stocks = 0;
        for (Reading r : readings.values()) {
            weighted += r.level() * (double) r.stocks();
            stocks += r.stocks();
        }
        return stocks == 0 ? 0 : (int) Math.round(weighted / stocks);
    }

    private static double round(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }
}
