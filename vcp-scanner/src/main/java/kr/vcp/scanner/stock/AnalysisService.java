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
import kr.vcp.scanner.marketdata.MarketDataRepository;

/** Explains one stock: the same engine and universe as a scan, for one ticker. */
@ApplicationScoped
public class AnalysisService {

    private final MarketDataRepository marketData;
    private final VcpEngine engine;
    private final ScannerConfig config;
    private final Vertx vertx;

    public AnalysisService(MarketDataRepository marketData, VcpEngine engine, ScannerConfig config, Vertx vertx) {
        this.marketData = marketData;
        this.engine = engine;
        this.config = config;
        this.vertx = vertx;
    }

    /** Empty when no bars of {@code ticker} are stored up to the day. */
    public Uni<Optional<Evaluation>> explain(String ticker, LocalDate asOf) {
        LocalDateTime now = LocalDateTime.now(Krx.ZONE).truncatedTo(ChronoUnit.SECONDS);
        return marketData.latestTradeDate(EnumSet.allOf(Market.class), asOf)
                .onItem().ifNull().failWith(() -> new NoMarketDataException("no bars are stored"
                        + (asOf == null ? "" : " on or before " + asOf) + ": import market data first"))
                .chain(day -> marketData.loadUniverse(EnumSet.allOf(Market.class), day, config.scan().lookbackDays()))
                // Relative strength needs the whole universe: CPU work, off the event loop.
                .chain(universe -> vertx.executeBlocking(Uni.createFrom().item(() -> engine.explain(universe, ticker, now))));
    }
}
