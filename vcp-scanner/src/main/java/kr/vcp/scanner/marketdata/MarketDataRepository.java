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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.PriceSeries;

/**
 * Reading the market over the reactive client: its changes, and listings with their bars and flows as arrays, one
 * row per ticker. (Writes go through {@link BulkWriter}.)
 */
@ApplicationScoped
public class MarketDataRepository {

    /** The newest change to the market data (0 before any). */
    private static final String LAST_CHANGE = "SELECT coalesce(max(id), 0) AS last FROM market_changes";

    /** Changes after a replica's copy: the newest id, whether one touched an unknown set, every ticker touched. */
    private static final String CHANGES_SINCE = """
            SELECT max(c.id) AS last, bool_or(c.tickers IS NULL) AS everything,
                   (SELECT array_agg(DISTINCT t.ticker) FROM market_changes d CROSS JOIN LATERAL unnest(d.tickers)
                    AS t(ticker) WHERE d.id > $1) AS tickers
            FROM market_changes c WHERE c.id > $1""";

    private static final String HELD_STOCKS = """
            SELECT ticker, name, market FROM stocks WHERE $1::varchar[] IS NULL OR ticker = ANY($1)""";

    /**
     * One row per ticker with its non-halted bars as arrays, in the order the table holds them: for rows a bulk
     * import copied in, date order already. Sorting a million rows here would cost more than {@link #ordered}
     * sorting the few tickers that need it.
     */
    private static final String HELD_BARS = """
            SELECT t.ticker, array_agg(t.trade_date) AS dates, array_agg(t.open) AS opens, array_agg(t.high) AS highs,
                   array_agg(t.low) AS lows, array_agg(t.close) AS closes, array_agg(t.volume) AS volumes
            FROM (SELECT ticker, trade_date, open, high, low, close, volume FROM daily_bars
                  WHERE NOT halted AND ($1::varchar[] IS NULL OR ticker = ANY($1)) AND ticker BETWEEN $2 AND $3) t
            GROUP BY t.ticker""";

    private static final String HELD_FLOWS = """
            SELECT t.ticker, array_agg(t.trade_date) AS dates, array_agg(t.foreign_net) AS foreigners,
                   array_agg(t.institution) AS institutions
            FROM (SELECT ticker, trade_date, foreign_net, institution FROM investor_flows
                  WHERE $1::varchar[] IS NULL OR ticker = ANY($1)) t
            GROUP BY t.ticker""";

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

    public Uni<Long> lastChange() {
        return pool.query(LAST_CHANGE).execute().map(rows -> rows.iterator().next().getLong("last"));
    }

    /**
     * What changed after {@code version}: the newest change and the tickers touched; {@code tickers} is null when
     * a change outside the scanner touched what it does not say.
     */
    public record Changes(long last, Set<String> tickers) {
    }

    public Uni<Changes> changesSince(long version) {
        return pool.preparedQuery(CHANGES_SINCE).execute(Tuple.of(version)).map(rows -> {
            Row row = rows.iterator().next();
            Long last = row.getLong("last");
            if (last == null) {
                return new Changes(version, Set.of());
            }
            String[] tickers = row.getArrayOfStrings("tickers");
            return Boolean.TRUE.equals(row.getBoolean("everything")) ? new Changes(last, null)
                    : new Changes(last, tickers == null ? Set.of() : Set.of(tickers));
        });
    }

    /** The stored rows of a held market, still to be turned into columns; the bars in ranges of tickers. */
    public record HeldRows(RowSet<Row> stocks, List<RowSet<Row>> bars, RowSet<Row> flows) {
    }

    /** Ranges of tickers whose bars are read at once when the whole market is loaded: PostgreSQL uses each core. */
    private static final int LOAD_RANGES = 4;

    /** Listings, non-halted bars and flows of {@code tickers}, or of every ticker when null. */
    public Uni<HeldRows> loadHeld(Set<String> tickers) {
        Tuple args = Tuple.of(tickers == null ? null : tickers.toArray(String[]::new));
        return pool.preparedQuery(HELD_STOCKS).execute(args).chain(stocks -> {
            List<String> all = new ArrayList<>();
            stocks.forEach(row -> all.add(row.getString("ticker")));
            Collections.sort(all);
            List<Uni<RowSet<Row>>> reads = new ArrayList<>();
            int ranges = tickers == null ? LOAD_RANGES : 1;
            for (int i = 0; i < ranges && !all.isEmpty(); i++) {
                String from = i == 0 ? "" : all.get(all.size() * i / ranges);
                String to = i == ranges - 1 ? "ZZZZZZ" : all.get(all.size() * (i + 1) / ranges - 1);
                reads.add(pool.preparedQuery(HELD_BARS).execute(Tuple.of(args.getValue(0), from, to)));
            }
            Uni<List<RowSet<Row>>> bars = reads.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(reads).andFailFast();
            return bars.chain(read -> pool.preparedQuery(HELD_FLOWS).execute(args)
                    .map(flows -> new HeldRows(stocks, read, flows)));
        });
    }

    /** {@code dates} with every day replaced by its {@code shared} instance, each series in date order. */
    public static PriceSeries series(Row row, Map<LocalDate, LocalDate> shared) {
        LocalDate[] dates = shared(row.getArrayOfLocalDates("dates"), shared);
        return ordered(new PriceSeries(dates, ints(row.getArrayOfIntegers("opens")),
                ints(row.getArrayOfIntegers("highs")), ints(row.getArrayOfIntegers("lows")),
                ints(row.getArrayOfIntegers("closes")), longs(row.getArrayOfLongs("volumes"))));
    }

    public static HeldStock.Flows flows(Row row, Map<LocalDate, LocalDate> shared) {
        LocalDate[] dates = shared(row.getArrayOfLocalDates("dates"), shared);
        long[] foreigners = longs(row.getArrayOfLongs("foreigners"));
        long[] institutions = longs(row.getArrayOfLongs("institutions"));
        for (int i = 1; i < dates.length; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                int[] order = java.util.stream.IntStream.range(0, dates.length).boxed()
                        .sorted(java.util.Comparator.comparing(j -> dates[j])).mapToInt(Integer::intValue).toArray();
                LocalDate[] d = new LocalDate[order.length];
                long[] f = new long[order.length];
                long[] in = new long[order.length];
                for (int k = 0; k < order.length; k++) {
                    d[k] = dates[order[k]];
                    f[k] = foreigners[order[k]];
                    in[k] = institutions[order[k]];
                }
                return new HeldStock.Flows(d, f, in);
            }
        }
        return new HeldStock.Flows(dates, foreigners, institutions);
    }

    private static LocalDate[] shared(LocalDate[] dates, Map<LocalDate, LocalDate> shared) {
        for (int i = 0; i < dates.length; i++) {
            dates[i] = shared.computeIfAbsent(dates[i], d -> d);
        }
        return dates;
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

    private static PriceSeries ordered(PriceSeries series) {
        LocalDate[] dates = series.dates();
        for (int i = 1; i < dates.length; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                // Rows rewritten since they were copied in: the same bars in date order.
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

    static int[] ints(Integer[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static long[] longs(Long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
