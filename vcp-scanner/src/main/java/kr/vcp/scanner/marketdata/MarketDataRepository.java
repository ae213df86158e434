package kr.vcp.scanner.marketdata;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.InvestorFlows;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.analysis.StockBars;

/**
 * Stocks and daily bars over the reactive client in bulk: whole files are upserted in one statement and a whole
 * market is read in one, one row per ticker with its bars as arrays.
 */
@ApplicationScoped
public class MarketDataRepository {

    private static final String UPSERT_STOCKS = """
            INSERT INTO stocks (ticker, name, market)
            SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[])
            ON CONFLICT (ticker) DO UPDATE SET name = excluded.name, market = excluded.market
            WHERE (stocks.name, stocks.market) IS DISTINCT FROM (excluded.name, excluded.market)""";

    private static final String UPSERT_BARS = """
            INSERT INTO daily_bars (ticker, trade_date, open, high, low, close, volume, halted)
            SELECT * FROM unnest($1::varchar[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[],
                                 $8::bool[])
            ON CONFLICT (ticker, trade_date) DO UPDATE SET open = excluded.open, high = excluded.high,
                low = excluded.low, close = excluded.close, volume = excluded.volume, halted = excluded.halted
            WHERE (daily_bars.open, daily_bars.high, daily_bars.low, daily_bars.close, daily_bars.volume,
                   daily_bars.halted)
                IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume,
                   excluded.halted)""";

    private static final String UPSERT_FLOWS = """
            INSERT INTO investor_flows (ticker, trade_date, institution, other_corp, individual, foreign_net, total)
            SELECT $1, * FROM unnest($2::date[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
            ON CONFLICT (ticker, trade_date) DO UPDATE SET institution = excluded.institution,
                other_corp = excluded.other_corp, individual = excluded.individual,
                foreign_net = excluded.foreign_net, total = excluded.total
            WHERE (investor_flows.institution, investor_flows.other_corp, investor_flows.individual,
                   investor_flows.foreign_net, investor_flows.total)
                IS DISTINCT FROM (excluded.institution, excluded.other_corp, excluded.individual,
                   excluded.foreign_net, excluded.total)""";

    private static final String RECENT_FLOWS = """
            SELECT f.ticker, array_agg(f.foreign_net ORDER BY f.trade_date) AS foreigners,
                   array_agg(f.institution ORDER BY f.trade_date) AS institutions
            FROM investor_flows f JOIN stocks s ON s.ticker = f.ticker
            WHERE s.market = ANY($1) AND f.trade_date <= $2 AND f.trade_date > $2 - $3::int
            GROUP BY f.ticker""";

    /** Calendar days of flows read per stock: enough for the recent and prior windows of trading days. */
    private static final int FLOW_LOOKBACK_DAYS = 45;

    private static final String LATEST_DATE = """
            SELECT max(b.trade_date) AS latest FROM daily_bars b JOIN stocks s ON s.ticker = b.ticker
            WHERE s.market = ANY($1) AND ($2::date IS NULL OR b.trade_date <= $2)""";

    /**
     * One row per ticker with its bars as arrays. The rows are sorted once in the subquery and aggregated in that
     * order (six ORDER BYs inside the aggregates would sort every group six times: twice as slow on 1M bars);
     * {@link #series} checks the order anyway.
     */
    private static final String UNIVERSE = """
            SELECT t.ticker, t.name, t.market, array_agg(t.trade_date) AS dates, array_agg(t.open) AS opens,
                   array_agg(t.high) AS highs, array_agg(t.low) AS lows, array_agg(t.close) AS closes,
                   array_agg(t.volume) AS volumes
            FROM (SELECT s.ticker, s.name, s.market, b.trade_date, b.open, b.high, b.low, b.close, b.volume
                  FROM stocks s JOIN daily_bars b ON b.ticker = s.ticker
                  WHERE s.market = ANY($1) AND NOT b.halted AND b.trade_date <= $2 AND b.trade_date > $2 - $3::int
                  ORDER BY s.ticker, b.trade_date) t
            GROUP BY t.ticker, t.name, t.market
            ORDER BY t.ticker""";

    private static final String STATUS = """
            SELECT s.market, count(DISTINCT s.ticker) AS tickers, count(b.ticker) AS bars,
                   min(b.trade_date) AS first_date, max(b.trade_date) AS last_date
            FROM stocks s LEFT JOIN daily_bars b ON b.ticker = s.ticker
            GROUP BY s.market ORDER BY s.market""";

    /** What is stored for one market. */
    public record MarketStatus(
            @JsonProperty("market") Market market,
            @JsonProperty("tickers") long tickers,
            @JsonProperty("bars") long bars,
            @JsonProperty("first_date") LocalDate firstDate,
            @JsonProperty("last_date") LocalDate lastDate) {
    }

    private final Pool pool;

    public MarketDataRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts new listings and updates changed ones; returns how many rows changed. */
    public Uni<Integer> upsertStocks(List<StockListing> stocks) {
        Tuple args = Tuple.of(
                stocks.stream().map(StockListing::ticker).toArray(String[]::new),
                stocks.stream().map(StockListing::name).toArray(String[]::new),
                stocks.stream().map(s -> s.market().name()).toArray(String[]::new));
        return pool.preparedQuery(UPSERT_STOCKS).execute(args).map(RowSet::rowCount);
    }

    /** Inserts new bars and updates changed ones of one ticker; returns how many rows changed. */
    public Uni<Integer> upsertBars(String ticker, List<DailyBar> bars) {
        return upsertBars(Map.of(ticker, bars));
    }

    /** The same for many tickers in one statement: bulk loads make a round trip per few hundred thousand bars. */
    public Uni<Integer> upsertBars(Map<String, List<DailyBar>> barsByTicker) {
        List<String> tickers = new ArrayList<>();
        List<DailyBar> bars = new ArrayList<>();
        barsByTicker.forEach((ticker, list) -> list.forEach(bar -> {
            tickers.add(ticker);
            bars.add(bar);
        }));
        Tuple args = Tuple.tuple()
                .addArrayOfString(tickers.toArray(String[]::new))
                .addArrayOfLocalDate(bars.stream().map(DailyBar::date).toArray(LocalDate[]::new))
                .addArrayOfInteger(bars.stream().map(DailyBar::open).toArray(Integer[]::new))
                .addArrayOfInteger(bars.stream().map(DailyBar::high).toArray(Integer[]::new))
                .addArrayOfInteger(bars.stream().map(DailyBar::low).toArray(Integer[]::new))
                .addArrayOfInteger(bars.stream().map(DailyBar::close).toArray(Integer[]::new))
                .addArrayOfLong(bars.stream().map(DailyBar::volume).toArray(Long[]::new))
                .addArrayOfBoolean(bars.stream().map(DailyBar::halted).toArray(Boolean[]::new));
        return pool.preparedQuery(UPSERT_BARS).execute(args).map(RowSet::rowCount);
    }

    /** Replaces the recorded ground truth of a synthetic market. */
    public Uni<Void> recordPlanted(long seed, List<kr.vcp.scanner.synthetic.SyntheticMarket.Planted> planted) {
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM synthetic_setups WHERE seed = $1")
                .execute(Tuple.of(seed))
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO synthetic_setups (seed, ticker, pivot, last_low, depths)
                        VALUES ($1, $2, $3, $4, $5)""").executeBatch(planted.stream()
                        .map(p -> Tuple.of(seed, p.ticker(), p.pivot(), p.lastLow(),
                                p.depths().toArray(Double[]::new))).toList()))
                .replaceWithVoid());
    }

    /** Inserts new investor flows and updates changed ones of one ticker; returns how many rows changed. */
    public Uni<Integer> upsertFlows(String ticker, List<InvestorFlow> flows) {
        Tuple args = Tuple.tuple()
                .addString(ticker)
                .addArrayOfLocalDate(flows.stream().map(InvestorFlow::date).toArray(LocalDate[]::new))
                .addArrayOfLong(flows.stream().map(InvestorFlow::institution).toArray(Long[]::new))
                .addArrayOfLong(flows.stream().map(InvestorFlow::otherCorporations).toArray(Long[]::new))
                .addArrayOfLong(flows.stream().map(InvestorFlow::individuals).toArray(Long[]::new))
                .addArrayOfLong(flows.stream().map(InvestorFlow::foreigners).toArray(Long[]::new))
                .addArrayOfLong(flows.stream().map(InvestorFlow::total).toArray(Long[]::new));
        return pool.preparedQuery(UPSERT_FLOWS).execute(args).map(RowSet::rowCount);
    }

    /** The newest trading day stored for {@code markets}, on or before {@code asOf} when given; null when none. */
    public Uni<LocalDate> latestTradeDate(Collection<Market> markets, LocalDate asOf) {
        return pool.preparedQuery(LATEST_DATE).execute(Tuple.of(names(markets), asOf))
                .map(rows -> rows.iterator().next().getLocalDate("latest"));
    }

    /**
     * Every stock of {@code markets} with its non-halted bars in the {@code lookbackDays} up to {@code until}, and
     * its recent investor flows where imported.
     */
    public Uni<List<StockBars>> loadUniverse(Collection<Market> markets, LocalDate until, int lookbackDays) {
        Uni<Map<String, InvestorFlows>> flows = pool.preparedQuery(RECENT_FLOWS)
                .execute(Tuple.of(names(markets), until, FLOW_LOOKBACK_DAYS))
                .map(rows -> {
                    Map<String, InvestorFlows> byTicker = new HashMap<>();
                    for (Row row : rows) {
                        byTicker.put(row.getString("ticker"), new InvestorFlows(longs(row.getArrayOfLongs("foreigners")),
                                longs(row.getArrayOfLongs("institutions"))));
                    }
                    return byTicker;
                });
        return pool.preparedQuery(UNIVERSE).execute(Tuple.of(names(markets), until, lookbackDays))
                .chain(rows -> flows.map(byTicker -> {
                    List<StockBars> universe = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        String ticker = row.getString("ticker");
                        universe.add(new StockBars(ticker, row.getString("name"),
                                Market.valueOf(row.getString("market")), series(row), byTicker.get(ticker)));
                    }
                    return universe;
                }));
    }

    public Uni<List<MarketStatus>> status() {
        return pool.query(STATUS).execute().map(rows -> {
            Map<Market, MarketStatus> byMarket = new TreeMap<>();
            for (Row row : rows) {
                Market market = Market.valueOf(row.getString("market"));
                byMarket.put(market, new MarketStatus(market, row.getLong("tickers"), row.getLong("bars"),
                        row.getLocalDate("first_date"), row.getLocalDate("last_date")));
            }
            return List.copyOf(byMarket.values());
        });
    }

    private static PriceSeries series(Row row) {
        LocalDate[] dates = row.getArrayOfLocalDates("dates");
        int[] open = ints(row.getArrayOfIntegers("opens"));
        int[] high = ints(row.getArrayOfIntegers("highs"));
        int[] low = ints(row.getArrayOfIntegers("lows"));
        int[] close = ints(row.getArrayOfIntegers("closes"));
        long[] volume = longs(row.getArrayOfLongs("volumes"));
        PriceSeries series = new PriceSeries(dates, open, high, low, close, volume);
        for (int i = 1; i < dates.length; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                // Should the database ever aggregate in another order: the same bars in date order.
                return series.select(java.util.stream.IntStream.range(0, dates.length).boxed()
                        .sorted(java.util.Comparator.comparing(j -> dates[j])).mapToInt(Integer::intValue).toArray());
            }
        }
        return series;
    }

    /** Fresh planner statistics after a bulk load, so the next scan does not plan for empty tables. */
    public Uni<Void> analyze() {
        return pool.query("ANALYZE stocks, daily_bars, investor_flows").execute().replaceWithVoid();
    }

    private static int[] ints(Integer[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static long[] longs(Long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static String[] names(Collection<Market> markets) {
        return markets.stream().map(Market::name).toArray(String[]::new);
    }
}
