package kr.vcp.scanner.stock;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.vcp.model.PriceTicked;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.HeldStock;
import kr.vcp.scanner.marketdata.MarketSnapshot;
import kr.vcp.scanner.price.PriceService;

/** One stock as the dashboard's stock pages show it, read from the held market and the latest prices. */
@ApplicationScoped
public class StockService {

    /** Chart periods the dashboard asks for, in months back from the last bar. */
    static final List<String> PERIODS = List.of("1mo", "3mo", "6mo", "1y");
    private static final Map<String, Integer> MONTHS = Map.of("1mo", 1, "3mo", 3, "6mo", 6, "1y", 12);

    private final HeldMarket market;
    private final PriceService prices;

    public StockService(HeldMarket market, PriceService prices) {
        this.market = market;
        this.prices = prices;
    }

    public Uni<StockViews.Detail> detail(String ticker) {
        return held(ticker).chain(h -> prices.latest(h.snapshot(), List.of(ticker)).map(latest -> {
            PriceTicked p = latest.get(ticker);
            HeldStock s = h.stock();
            return p == null
                    ? new StockViews.Detail(ticker, s.name(), s.market(), null, null, null, null, null, null)
                    : new StockViews.Detail(ticker, s.name(), s.market(), null, p.price(), p.change(), p.changeRate(),
                            p.volume(), p.tradedAt().withNano(0));
        }));
    }

    public Uni<StockViews.Chart> chart(String ticker, String period) {
        return held(ticker).map(h -> {
            PriceSeries bars = h.stock().bars();
            List<AnalysisResponse.Bar> data = new ArrayList<>();
            if (bars.size() > 0) {
                LocalDate after = bars.lastDate().minusMonths(MONTHS.get(period));
                for (int i = 0; i < bars.size(); i++) {
                    if (bars.dates()[i].isAfter(after)) {
                        data.add(new AnalysisResponse.Bar(bars.dates()[i], bars.open()[i], bars.high()[i], bars.low()[i],
                                bars.close()[i], bars.volume()[i]));
                    }
                }
            }
            return new StockViews.Chart(ticker, period, data, data.size());
        });
    }

    public Uni<StockViews.Flow> flow(String ticker, int days) {
        return held(ticker).map(h -> {
            HeldStock.Flows flows = h.stock().flows();
            PriceSeries bars = h.stock().bars();
            int n = flows.dates().length;
            List<StockViews.FlowDay> data = new ArrayList<>();
            long net = 0;
            long gross = 0;
            for (int i = Math.max(0, n - days); i < n; i++) {
                long f = flows.foreigners()[i];
                long inst = flows.institutions()[i];
                Integer close = closeOn(bars, flows.dates()[i]);
                data.add(new StockViews.FlowDay(flows.dates()[i], close == null ? null : Math.round((double) f / close),
                        close == null ? null : Math.round((double) inst / close), f, inst,
                        StockViews.score(f + inst, Math.abs(f) + Math.abs(inst))));
                net += f + inst;
                gross += Math.abs(f) + Math.abs(inst);
            }
            return new StockViews.Flow(ticker, days, data, data.isEmpty() ? null : StockViews.score(net, gross),
                    data.size());
        });
    }

    /** A listing as held now, with the snapshot it is part of. */
    record Held(MarketSnapshot snapshot, HeldStock stock) {
    }

    Uni<Held> held(String ticker) {
        return market.current().map(snapshot -> new Held(snapshot, snapshot.stock(ticker).orElseThrow(() ->
                new UnknownTickerException("no listing " + ticker + " is stored"))));
    }

    private static Integer closeOn(PriceSeries bars, LocalDate day) {
        int i = java.util.Arrays.binarySearch(bars.dates(), day);
        return i >= 0 ? bars.close()[i] : null;
    }
}
