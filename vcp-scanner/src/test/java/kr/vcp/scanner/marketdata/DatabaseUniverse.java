package kr.vcp.scanner.marketdata;

import static kr.vcp.scanner.marketdata.MarketDataRepository.ints;
import static kr.vcp.scanner.marketdata.MarketDataRepository.longs;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.InvestorFlows;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.analysis.StockBars;

/**
 * The reference the held market is checked against: a day's universe read straight from the tables, with the
 * queries scans ran before the market was held in memory.
 */
final class DatabaseUniverse {

    private static final String UNIVERSE = """
            SELECT s.ticker, s.name, s.market, array_agg(b.trade_date ORDER BY b.trade_date) AS dates,
                   array_agg(b.open ORDER BY b.trade_date) AS opens, array_agg(b.high ORDER BY b.trade_date) AS highs,
                   array_agg(b.low ORDER BY b.trade_date) AS lows, array_agg(b.close ORDER BY b.trade_date) AS closes,
                   array_agg(b.volume ORDER BY b.trade_date) AS volumes
            FROM stocks s JOIN daily_bars b ON b.ticker = s.ticker
            WHERE NOT b.halted AND b.trade_date <= $1 AND b.trade_date > $1 - $2::int
            GROUP BY s.ticker, s.name, s.market ORDER BY s.ticker""";

    private static final String RECENT_FLOWS = """
            SELECT f.ticker, array_agg(f.trade_date ORDER BY f.trade_date) AS dates,
                   array_agg(f.foreign_net ORDER BY f.trade_date) AS foreigners,
                   array_agg(f.institution ORDER BY f.trade_date) AS institutions
            FROM investor_flows f JOIN stocks s ON s.ticker = f.ticker
            WHERE f.trade_date <= $1 AND f.trade_date > $1 - 45
            GROUP BY f.ticker""";

    private DatabaseUniverse() {
    }

    static List<StockBars> read(Pool pool, LocalDate day, int lookbackDays) {
        Map<String, InvestorFlows> flows = new HashMap<>();
        for (Row row : pool.preparedQuery(RECENT_FLOWS).execute(Tuple.of(day)).await().indefinitely()) {
            flows.put(row.getString("ticker"), new InvestorFlows(row.getArrayOfLocalDates("dates"),
                    longs(row.getArrayOfLongs("foreigners")),
                    longs(row.getArrayOfLongs("institutions"))));
        }
        List<StockBars> universe = new ArrayList<>();
        for (Row row : pool.preparedQuery(UNIVERSE).execute(Tuple.of(day, lookbackDays)).await().indefinitely()) {
            String ticker = row.getString("ticker");
            universe.add(new StockBars(ticker, row.getString("name"), Market.valueOf(row.getString("market")),
                    new PriceSeries(row.getArrayOfLocalDates("dates"), ints(row.getArrayOfIntegers("opens")),
                            ints(row.getArrayOfIntegers("highs")), ints(row.getArrayOfIntegers("lows")),
                            ints(row.getArrayOfIntegers("closes")), longs(row.getArrayOfLongs("volumes"))),
                    flows.get(ticker)));
        }
        return universe;
    }
}
