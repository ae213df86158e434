package kr.vcp.scanner.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kr.vcp.scanner.marketdata.DailyBar;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import kr.vcp.scanner.marketdata.Parsed;
import kr.vcp.scanner.marketdata.SkippedLine;
import kr.vcp.scanner.marketdata.SyntheticMarket;
import kr.vcp.scanner.repository.MarketDataRepository;

/** Imports market data files idempotently: importing the same file twice changes nothing the second time. */
@ApplicationScoped
public class MarketDataService {

    /**
     * @param rows    rows read from the file
     * @param changed rows inserted or updated (0 on a re-import of the same file)
     * @param skipped lines left out, each with its reason
     */
    public record ImportSummary(String source, int rows, int changed, List<SkippedLine> skipped) {
    }

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

    /** Listings per bulk statement: about 80,000 bars. */
    private static final int GENERATE_CHUNK = 200;

    private final MarketDataRepository repository;
    private final Vertx vertx;

    public MarketDataService(MarketDataRepository repository, Vertx vertx) {
        this.repository = repository;
        this.vertx = vertx;
    }

    /** Generates the synthetic market of {@code spec} and loads it, replacing earlier bars of the same tickers. */
    public Uni<GenerateSummary> generate(SyntheticMarket.Spec spec) {
        long started = System.nanoTime();
        // Generating ~1M bars is CPU work: off the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> SyntheticMarket.generate(spec)))
                .chain(market -> repository.upsertStocks(market.listings().stream().map(SyntheticMarket.Listing::stock)
                                .toList())
                        .chain(() -> Multi.createFrom().iterable(chunks(market.listings()))
                                .onItem().transformToUniAndConcatenate(chunk -> repository.upsertBars(chunk))
                                .collect().with(Collectors.summingInt(Integer::intValue)))
                        .call(() -> market.planted().isEmpty() ? Uni.createFrom().voidItem()
                                : repository.recordPlanted(spec.seed(), market.planted()))
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

    private static List<Map<String, List<DailyBar>>> chunks(List<SyntheticMarket.Listing> listings) {
        List<Map<String, List<DailyBar>>> chunks = new ArrayList<>();
        for (int i = 0; i < listings.size(); i += GENERATE_CHUNK) {
            Map<String, List<DailyBar>> chunk = new LinkedHashMap<>();
            listings.subList(i, Math.min(listings.size(), i + GENERATE_CHUNK))
                    .forEach(l -> chunk.put(l.stock().ticker(), l.bars()));
            chunks.add(chunk);
        }
        return chunks;
    }

    public Uni<ImportSummary> importStocks(String source, String csv) {
        var parsed = MarketDataFiles.parseStocks(source, csv);
        return repository.upsertStocks(parsed.rows())
                .map(changed -> summary(source, parsed, changed));
    }

    public Uni<ImportSummary> importBars(String ticker, String source, String csv) {
        var parsed = MarketDataFiles.parseBars(source, csv);
        return repository.upsertBars(MarketDataFiles.ticker(ticker), parsed.rows())
                .map(changed -> summary(source, parsed, changed));
    }

    private static ImportSummary summary(String source, Parsed<?> parsed, int changed) {
        parsed.skipped().forEach(s -> Log.warnf("%s line %d skipped: %s", s.source(), s.line(), s.reason()));
        Log.infof("%s: %d rows read, %d changed, %d lines skipped", source, parsed.rows().size(), changed,
                parsed.skipped().size());
        return new ImportSummary(source, parsed.rows().size(), changed, parsed.skipped());
    }
}
