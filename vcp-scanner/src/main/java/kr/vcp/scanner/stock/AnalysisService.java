package kr.vcp.scanner.stock;

import kr.vcp.scanner.errors.NoMarketDataException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import kr.vcp.model.Krx;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.Evaluation;
import kr.vcp.scanner.analysis.VcpEngine;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.analysis.StockBars;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.MarketDay;

/** Explains one stock: the same engine and universe as a scan, for one ticker. */
@ApplicationScoped
public class AnalysisService {

    private final HeldMarket market;
    private final VcpEngine engine;
    private final ScannerConfig config;
    private final Vertx vertx;

    public AnalysisService(HeldMarket market, VcpEngine engine, ScannerConfig config, Vertx vertx) {
        this.market = market;
        this.engine = engine;
        this.config = config;
        this.vertx = vertx;
    }

    /** Empty when no bars of {@code ticker} are stored up to the day. */
    public Uni<Optional<Evaluation>> explain(String ticker, LocalDate asOf) {
        LocalDateTime now = LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.SECONDS);
        return market.current().chain(held -> {
            if (held.stock(ticker).isEmpty()) {
                return Uni.createFrom().item(Optional.<Evaluation>empty());
            }
            LocalDate day = held.latestDay(EnumSet.allOf(Market.class), asOf);
            if (day == null) {
                throw new NoMarketDataException("no bars are stored" + (asOf == null ? "" : " on or before " + asOf)
                        + ": import market data first");
            }
            // Rating the day's universe, the first time it is asked for, is CPU work: off the event loop.
            return vertx.executeBlocking(Uni.createFrom().item(() -> {
                MarketDay universe = held.day(day, config.scan().lookbackDays());
                StockBars stock = universe.stock(ticker);
                return stock == null ? Optional.<Evaluation>empty()
                        : engine.explain(stock, universe.ratings(engine), now);
            }));
        });
    }
}
