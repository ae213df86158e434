package kr.vcp.scanner.synthetic;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.vcp.scanner.config.ScannerConfig;
import kr.vcp.scanner.errors.RefusedException;
import kr.vcp.scanner.marketdata.MarketDataService;
import kr.vcp.scanner.marketdata.DailyBar;

/**
 * Loads the generated market into the synthetic dataset, the only one it may go to: a scanner serving the real
 * listings refuses, so generated listings can never overwrite a real one or join a real universe.
 */
@ApplicationScoped
public class SyntheticService {

    /**
     * What {@link #generate} loaded.
     *
     * @param planted tickers with a planted VCP, the ground truth also kept in {@code synthetic_setups}
     */
    public record GenerateSummary(
            @JsonProperty("seed") long seed,
            @JsonProperty("listings") int listings,
            @JsonProperty("bars") int bars,
            @JsonProperty("changed") int changed,
            @JsonProperty("last_day") LocalDate lastDay,
            @JsonProperty("planted") List<String> planted,
            @JsonProperty("decoys") int decoys,
            @JsonProperty("duration_ms") long durationMs) {
    }

    /** Asked of a scanner that serves real listings. */
    public static final class GeneratorRefusedException extends RefusedException {
        GeneratorRefusedException(String message) {
            super(403, "generator_refused", message);
        }
    }

    private final MarketDataService importer;
    private final Pool pool;
    private final ScannerConfig config;
    private final Vertx vertx;

    public SyntheticService(MarketDataService importer, Pool pool, ScannerConfig config, Vertx vertx) {
        this.importer = importer;
        this.pool = pool;
        this.config = config;
        this.vertx = vertx;
    }

    /** Generates the synthetic market of {@code spec} and loads it, replacing earlier bars of the same tickers. */
    public Uni<GenerateSummary> generate(SyntheticMarket.Spec spec) {
        long started = System.nanoTime();
        if (config.dataset() != ScannerConfig.Dataset.SYNTHETIC) {
            return Uni.createFrom().failure(new GeneratorRefusedException("this scanner serves the " + config.dataset()
                    .schema() + " dataset; the generator writes only into the synthetic one: run a scanner with"
                    + " VCP_DATASET=synthetic for it"));
        }
        // Generating ~1M bars is CPU work: off the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> SyntheticMarket.generate(spec)))
                .chain(market -> importer.load("synthetic seed " + spec.seed(),
                                market.listings().stream().map(SyntheticMarket.Listing::stock).toList(), bars(market))
                        .call(() -> recordPlanted(spec.seed(), market.planted()))
                        .map(changed -> {
                            int bars = market.listings().stream().mapToInt(l -> l.bars().size()).sum();
                            var summary = new GenerateSummary(spec.seed(), market.listings().size(), bars, changed,
                                    spec.lastDay(), market.planted().stream().map(SyntheticMarket.Planted::ticker)
                                            .toList(), market.decoys().size(), (System.nanoTime() - started) / 1_000_000);
                            Log.infof("Synthetic market seed %d: %d listings, %d bars (%d changed), %d planted VCPs, %d ms",
                                    spec.seed(), summary.listings(), bars, changed, summary.planted().size(),
                                    summary.durationMs());
                            return summary;
                        }));
    }

    private static Map<String, List<DailyBar>> bars(SyntheticMarket.Generated market) {
        Map<String, List<DailyBar>> bars = new LinkedHashMap<>();
        market.listings().forEach(l -> bars.put(l.stock().ticker(), l.bars()));
        return bars;
    }

    /** Replaces the recorded ground truth of a seed. */
    private Uni<Void> recordPlanted(long seed, List<SyntheticMarket.Planted> planted) {
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM synthetic_setups WHERE seed = $1")
                .execute(Tuple.of(seed))
                .chain(() -> planted.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery("""
                        INSERT INTO synthetic_setups (seed, ticker, pivot, last_low, depths)
                        VALUES ($1, $2, $3, $4, $5)""").executeBatch(planted.stream()
                        .map(p -> Tuple.of(seed, p.ticker(), p.pivot(), p.lastLow(),
                                p.depths().toArray(Double[]::new))).toList()).replaceWithVoid()));
    }
}
