package kr.vcp.scanner.marketdata;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.config.ScannerConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The market this replica holds in memory, loaded at start-up and kept current: before each read it asks
 * PostgreSQL for the newest {@code market_changes} row (one indexed lookup) and, when its copy is older, reloads
 * just the tickers changed since. So a scan on one replica sees an import made on another the moment that import
 * has committed, whoever wrote the rows.
 */
@ApplicationScoped
public class HeldMarket {

    private final MarketDataRepository repository;
    private final ScannerConfig config;
    private final Vertx vertx;
    /** One instance per trading day, shared by every listing and snapshot: 4 bytes a bar instead of 28. */
    private final Map<LocalDate, LocalDate> days = new ConcurrentHashMap<>();
    private volatile MarketSnapshot snapshot;
    /** The reload under way, shared by every reader that needs it; null when none. Guarded by this. */
    private Uni<MarketSnapshot> reloading;

    public HeldMarket(MarketDataRepository repository, ScannerConfig config, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
    }

    void load(@Observes StartupEvent start) {
        current().subscribe().with(s -> { }, e -> Log.errorf(e, "Loading the market failed; the next read retries"));
    }

    /** The market with every committed change in it. */
    public Uni<MarketSnapshot> current() {
        return repository.lastChange().chain(this::upTo);
    }

    /** The snapshot held now without asking the database: null before the first load. */
    public MarketSnapshot held() {
        return snapshot;
    }

    /**
     * Holds {@code base} with this replica's own committed write {@code read} in it, as change {@code version},
     * unless what is held is newer already: the next read then needs nothing from the database. CPU work.
     */
    public void adopt(MarketSnapshot base, long version, BulkImport read) {
        hold(base.withWritten(version, read, days));
    }

    /** Holds {@code next} unless what is held is newer: a reload and an adopted write may finish in either order. */
    private synchronized void hold(MarketSnapshot next) {
        MarketSnapshot s = snapshot;
        if (s == null || next.version() >= s.version()) {
            snapshot = next;
        }
    }

    private Uni<MarketSnapshot> upTo(long version) {
        MarketSnapshot s = snapshot;
        if (s != null && s.version() >= version) {
            return Uni.createFrom().item(s);
        }
        // A reload already under way may have read the changes before this one: then go again.
        return reload().chain(() -> upTo(version));
    }

    private synchronized Uni<MarketSnapshot> reload() {
        if (reloading == null) {
            reloading = changed().onTermination().invoke(() -> {
                synchronized (this) {
                    reloading = null;
                }
            }).memoize().indefinitely();
        }
        return reloading;
    }

    private Uni<MarketSnapshot> changed() {
        MarketSnapshot old = snapshot;
        long started = System.nanoTime();
        Uni<MarketSnapshot> next;
        if (old == null) {
            next = repository.lastChange().chain(version -> load(version, null, null));
        } else {
            next = repository.changesSince(old.version()).chain(changes -> changes.tickers() == null
                    || changes.tickers().size() > config.market().fullReloadTickers()
                    ? load(changes.last(), null, null)
                    : load(changes.last(), changes.tickers(), old));
        }
        return next.invoke(s -> {
            hold(s);
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (old == null || s.listings() != old.listings() || ms > 100) {
                Log.infof("Market held: %,d listings, %,d bars in %.1f MB, change %d, loaded in %d ms", s.listings(),
                        s.bars(), s.bytes() / 1e6, s.version(), ms);
            }
        });
    }

    /** Reads {@code tickers} (all when null) and builds the snapshot of {@code version} from {@code base}. */
    private Uni<MarketSnapshot> load(long version, Set<String> tickers, MarketSnapshot base) {
        long started = System.nanoTime();
        return repository.loadHeld(tickers)
                // Turning a million array elements into columns is CPU work: off the event loop.
                .chain(rows -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    long read = System.nanoTime();
                    List<HeldStock> loaded = columns(rows);
                    Log.debugf("Market rows of %s read in %d ms, turned into columns in %d ms",
                            tickers == null ? "every ticker" : tickers.size() + " tickers",
                            (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
                    if (base == null) {
                        Map<String, HeldStock> all = new HashMap<>();
                        loaded.forEach(s -> all.put(s.ticker(), s));
                        return new MarketSnapshot(version, all);
                    }
                    Set<String> removed = new HashSet<>(tickers);
                    loaded.forEach(s -> removed.remove(s.ticker()));
                    return base.with(version, loaded, removed);
                })));
    }

    private List<HeldStock> columns(MarketDataRepository.HeldRows rows) {
        Map<String, PriceSeries> bars = new HashMap<>();
        for (var range : rows.bars()) {
            for (Row row : range) {
                bars.put(row.getString("ticker"), MarketDataRepository.series(row, days));
            }
        }
        Map<String, HeldStock.Flows> flows = new HashMap<>();
        for (Row row : rows.flows()) {
            flows.put(row.getString("ticker"), MarketDataRepository.flows(row, days));
        }
        List<HeldStock> stocks = new ArrayList<>(rows.stocks().size());
        for (Row row : rows.stocks()) {
            String ticker = row.getString("ticker");
            stocks.add(new HeldStock(ticker, row.getString("name"), Market.valueOf(row.getString("market")),
                    bars.getOrDefault(ticker, HeldStock.NO_BARS), flows.getOrDefault(ticker, HeldStock.Flows.NONE)));
        }
        return stocks;
    }

    /** Ready once the market is held. */
    @Readiness
    @ApplicationScoped
    static class Loaded implements HealthCheck {

        private final HeldMarket market;

        Loaded(HeldMarket market) {
            this.market = market;
        }

        @Override
        public HealthCheckResponse call() {
            MarketSnapshot s = market.held();
            return s == null ? HealthCheckResponse.down("market")
                    : HealthCheckResponse.named("market").up().withData("listings", s.listings())
                            .withData("bars", s.bars()).withData("bytes", s.bytes()).build();
        }
    }
}
