package kr.vcp.scanner.marketdata;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kr.vcp.scanner.analysis.MarketBreadth;
import kr.vcp.scanner.analysis.StockBars;
import kr.vcp.scanner.analysis.VcpEngine;

/**
 * The market as the engine sees it on one trading day: every stock with its bars of the lookback window up to
 * that day and its recent flows, their relative strength and their evaluation, each worked out once on first use.
 */
public final class MarketDay {

    private final LocalDate day;
    private final List<StockBars> universe;
    private final Map<String, StockBars> byTicker;
    private volatile VcpEngine.Ratings ratings;
    private volatile VcpEngine.Evaluated evaluated;
    private volatile MarketBreadth.Gate gate;

    MarketDay(LocalDate day, List<StockBars> universe, Map<String, StockBars> byTicker) {
        this.day = day;
        this.universe = universe;
        this.byTicker = byTicker;
    }

    public LocalDate day() {
        return day;
    }

    /** Both markets, by ticker: relative strength ranks a stock against all of them. */
    public List<StockBars> universe() {
        return universe;
    }

    /** Null when the stock has no bars in the window. */
    public StockBars stock(String ticker) {
        return byTicker.get(ticker);
    }

    /** RS of every stock of the day; the first caller computes it (CPU work: call it off the event loop). */
    public VcpEngine.Ratings ratings(VcpEngine engine) {
        VcpEngine.Ratings r = ratings;
        if (r == null) {
            synchronized (this) {
                r = ratings;
                if (r == null) {
                    r = engine.rate(universe);
                    ratings = r;
                }
            }
        }
        return r;
    }

    /**
     * Every stock of the day evaluated, what each scan of the day selects from; the first caller computes it (CPU
     * work: call it off the event loop). A new import makes a new snapshot, and so a new day to evaluate.
     */
    public VcpEngine.Evaluated evaluated(VcpEngine engine) {
        VcpEngine.Evaluated e = evaluated;
        if (e == null) {
            synchronized (this) {
                e = evaluated;
                if (e == null) {
                    e = engine.evaluate(universe, ratings(engine));
                    evaluated = e;
                }
            }
        }
        return e;
    }

    /** The market gate of the day; the first caller computes it (CPU work: call it off the event loop). */
    public MarketBreadth.Gate gate(VcpEngine engine) {
        MarketBreadth.Gate g = gate;
        if (g == null) {
            synchronized (this) {
                g = gate;
                if (g == null) {
                    g = engine.breadth(day, universe, ratings(engine));
                    gate = g;
                }
            }
        }
        return g;
    }
}
