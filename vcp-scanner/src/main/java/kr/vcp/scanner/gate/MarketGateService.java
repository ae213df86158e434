package kr.vcp.scanner.gate;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.Market;
import kr.vcp.model.MarketStateChanged;
import kr.vcp.model.Topics;
import kr.vcp.scanner.analysis.MarketBreadth;
import kr.vcp.scanner.analysis.VcpEngine;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.errors.LogText;
import kr.vcp.scanner.errors.NoMarketDataException;
import kr.vcp.scanner.marketdata.HeldMarket;
import kr.vcp.scanner.marketdata.MarketDataImported;
import kr.vcp.scanner.marketdata.MarketSnapshot;
import kr.vcp.scanner.outbox.OutboxRelay;
import kr.vcp.scanner.outbox.OutboxRepository;

/**
 * The market gate of the newest trading day held: served, and published on {@code market-gate} after every import
 * (here) and every scan (in the scan's own transaction, see {@link #event}).
 */
@ApplicationScoped
public class MarketGateService {

    private final HeldMarket market;
    private final VcpEngine engine;
    private final ScannerConfig config;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final IndexRepository indices;
    private final Vertx vertx;

    public MarketGateService(HeldMarket market, VcpEngine engine, ScannerConfig config, OutboxRepository outbox,
            OutboxRelay relay, IndexRepository indices, Vertx vertx) {
        this.market = market;
        this.engine = engine;
        this.config = config;
        this.outbox = outbox;
        this.relay = relay;
        this.indices = indices;
        this.vertx = vertx;
    }

    /** The gate of the newest day held, its indices in it where imported. */
    public Uni<MarketBreadth.Gate> current() {
        return newestDay((held, day) -> gate(held, day));
    }

    /** The gate of the newest day held, judged from the stocks alone (an index import adds its own indices). */
    public Uni<MarketBreadth.Gate> breadth() {
        return newestDay((held, day) -> held.day(day, config.scan().lookbackDays()).gate(engine));
    }

    /**
     * The gate of {@code day} in {@code held} with that day's index trends. Blocking: the day's stocks are rated and
     * read the first time (CPU), and the index levels come over JDBC.
     */
    public MarketBreadth.Gate gate(MarketSnapshot held, LocalDate day) {
        return held.day(day, config.scan().lookbackDays()).gate(engine).withIndices(indices.trends(day));
    }

    private Uni<MarketBreadth.Gate> newestDay(java.util.function.BiFunction<MarketSnapshot, LocalDate, MarketBreadth.Gate> judge) {
        return market.current().chain(held -> {
            LocalDate day = held.latestDay(EnumSet.allOf(Market.class), null);
            if (day == null) {
                throw new NoMarketDataException("no bars are stored: import market data first");
            }
            return vertx.executeBlocking(Uni.createFrom().item(() -> judge.apply(held, day)));
        });
    }

    public Uni<MarketGateView> view() {
        return current().map(g -> MarketGateView.of(g, LocalDateTime.now(Krx.ZONE).withNano(0)));
    }

    /** The gate as its event on {@link Topics#KAFKA_MARKET}, for the caller's transaction to queue. */
    public static OutboxRepository.Event event(MarketBreadth.Gate gate) {
        MarketBreadth.IndexTrend kospi = gate.indices().get(Market.KOSPI);
        MarketBreadth.IndexTrend kosdaq = gate.indices().get(Market.KOSDAQ);
        var changed = new MarketStateChanged.MarketGateChanged(MarketStateChanged.SCHEMA_VERSION, gate.status(),
                gate.level(), kospi == null ? null : kospi.close(), kospi == null ? null : kospi.changePct(),
                kosdaq == null ? null : kosdaq.close(), kosdaq == null ? null : kosdaq.changePct(), List.of(),
                LocalDateTime.now(Krx.ZONE));
        return new OutboxRepository.Event(UUID.randomUUID(), Topics.KAFKA_MARKET, changed.wsTopic(), Json.write(changed));
    }

    @ConsumeEvent(MarketDataImported.ADDRESS)
    Uni<Void> imported(MarketDataImported imported) {
        return current().chain(gate -> Panache.withTransaction(() -> outbox.append(List.of(event(gate))))
                        .invoke(relay::wake)
                        .invoke(() -> Log.infof("Market gate after import %s: %s, level %d",
                                LogText.of(imported.source()), gate.status(), gate.level())))
                .onFailure().invoke(e -> Log.warnf("Market gate after import %s not published: %s",
                        LogText.of(imported.source()), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
