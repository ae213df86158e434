package kr.vcp.scanner.marketdata;

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
import kr.vcp.scanner.synthetic.SyntheticMarket;

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
                        .call(repository::analyze)
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

    /** A file of a bulk import: its name (the ticker for bars and flows) and its text. */
    public record NamedFile(String name, String content) {
    }

    /**
     * What a bulk import did.
     *
     * @param rejected files not imported at all (unknown header, a name that is no ticker), each with why
     */
    public record BulkSummary(
            @JsonProperty("source") String source,
            @JsonProperty("files") int files,
            @JsonProperty("stocks") int stocks,
            @JsonProperty("tickers_with_bars") int tickersWithBars,
            @JsonProperty("bars") int bars,
            @JsonProperty("flows") int flows,
            @JsonProperty("changed") int changed,
            @JsonProperty("skipped") List<SkippedLine> skipped,
            @JsonProperty("rejected") List<SkippedLine> rejected,
            @JsonProperty("duration_ms") long durationMs) {
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

    public Uni<ImportSummary> importFlows(String ticker, String source, String csv) {
        var parsed = MarketDataFiles.parseFlows(source, csv);
        return repository.upsertFlows(MarketDataFiles.ticker(ticker), parsed.rows())
                .map(changed -> summary(source, parsed, changed));
    }

    /**
     * Imports many files, each recognised by its header: stock masters first, then bars and flows of the ticker in
     * each file's name ({@code 005930.csv}). A file that cannot be used is reported and the rest imported.
     */
    public Uni<BulkSummary> importAll(String source, List<NamedFile> files) {
        long started = System.nanoTime();
        List<SkippedLine> rejected = new ArrayList<>();
        List<NamedFile> masters = new ArrayList<>();
        List<NamedFile> perTicker = new ArrayList<>();
        for (NamedFile f : files) {
            MarketDataFiles.Kind kind = MarketDataFiles.kind(f.content());
            if (kind == MarketDataFiles.Kind.UNKNOWN) {
                rejected.add(new SkippedLine(f.name(), 1, "unknown header: not a stock master, pykrx bars or flows"));
            } else if (kind == MarketDataFiles.Kind.STOCKS) {
                masters.add(f);
            } else {
                perTicker.add(f);
            }
        }
        Log.infof("Import %s: %d files (%d stock masters, %d per ticker, %d rejected)", source, files.size(),
                masters.size(), perTicker.size(), rejected.size());
        List<NamedFile> ordered = new ArrayList<>(masters);
        ordered.addAll(perTicker);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        return Multi.createFrom().iterable(ordered)
                .onItem().transformToUniAndConcatenate(f -> importOne(f)
                        .onFailure(IllegalArgumentException.class).recoverWithItem(e -> {
                            rejected.add(new SkippedLine(f.name(), 1, e.getMessage()));
                            return null;
                        })
                        .invoke(() -> {
                            if (done.incrementAndGet() % 250 == 0) {
                                Log.infof("Import %s: %d/%d files", source, done.get(), ordered.size());
                            }
                        }))
                .filter(java.util.Objects::nonNull)
                .collect().asList()
                .call(repository::analyze)
                .map(results -> {
                    int stocks = 0;
                    int tickers = 0;
                    int bars = 0;
                    int flows = 0;
                    int changed = 0;
                    List<SkippedLine> skipped = new ArrayList<>();
                    for (FileResult r : results) {
                        changed += r.summary().changed();
                        skipped.addAll(r.summary().skipped());
                        switch (r.kind()) {
                            case STOCKS -> stocks += r.summary().rows();
                            case BARS -> {
                                tickers++;
                                bars += r.summary().rows();
                            }
                            default -> flows += r.summary().rows();
                        }
                    }
                    var summary = new BulkSummary(source, files.size(), stocks, tickers, bars, flows, changed,
                            skipped, rejected, (System.nanoTime() - started) / 1_000_000);
                    Log.infof("Import %s done: %d stocks, %d tickers, %d bars, %d flow rows, %d changed, %d lines"
                            + " skipped, %d files rejected, %d ms", source, stocks, tickers, bars, flows, changed,
                            skipped.size(), rejected.size(), summary.durationMs());
                    return summary;
                });
    }

    private record FileResult(MarketDataFiles.Kind kind, ImportSummary summary) {
    }

    private Uni<FileResult> importOne(NamedFile f) {
        MarketDataFiles.Kind kind = MarketDataFiles.kind(f.content());
        String base = java.nio.file.Path.of(f.name()).getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        Uni<ImportSummary> imported = switch (kind) {
            case STOCKS -> importStocks(f.name(), f.content());
            case BARS -> Uni.createFrom().item(() -> MarketDataFiles.ticker(base))
                    .chain(ticker -> importBars(ticker, f.name(), f.content()));
            default -> Uni.createFrom().item(() -> MarketDataFiles.ticker(base))
                    .chain(ticker -> importFlows(ticker, f.name(), f.content()));
        };
        return imported.map(summary -> new FileResult(kind, summary));
    }

    private static ImportSummary summary(String source, Parsed<?> parsed, int changed) {
        parsed.skipped().forEach(s -> Log.warnf("%s line %d skipped: %s", s.source(), s.line(), s.reason()));
        Log.debugf("%s: %d rows read, %d changed, %d lines skipped", source, parsed.rows().size(), changed,
                parsed.skipped().size());
        return new ImportSummary(source, parsed.rows().size(), changed, parsed.skipped());
    }
}
