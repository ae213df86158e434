package kr.vcp.scanner.marketdata;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** Rows changed by one import from which the planner's statistics are refreshed. */
    private static final int ANALYZE_AFTER_ROWS = 10_000;

    private final MarketDataRepository repository;
    private final BulkWriter writer;
    private final HeldMarket market;
    private final Vertx vertx;

    public MarketDataService(MarketDataRepository repository, BulkWriter writer, HeldMarket market, Vertx vertx) {
        this.repository = repository;
        this.writer = writer;
        this.market = market;
        this.vertx = vertx;
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
     * Imports many files, each recognised by its header: stock masters, and bars and flows of the ticker in each
     * file's name ({@code 005930.csv}). A file that cannot be used is reported and the rest imported. Bars the held
     * market already has are not sent to the database; the rest goes in by {@code COPY} in one transaction.
     */
    public Uni<BulkSummary> importAll(String source, List<NamedFile> files) {
        long started = System.nanoTime();
        return market.current()
                // Parsing a million lines and comparing them with the held market is CPU work: off the event loop.
                .chain(held -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    long read = System.nanoTime();
                    BulkImport parsed = BulkImport.read(files, held);
                    Log.debugf("Import %s: held market current in %d ms, files read and compared in %d ms", source,
                            (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
                    return parsed;
                })))
                .chain(read -> (read.stocks().isEmpty() ? Uni.createFrom().item(0)
                                : repository.upsertStocks(read.stocks()))
                        // COPY goes through JDBC, which blocks: a worker thread.
                        .chain(stocksChanged -> vertx.executeBlocking(Uni.createFrom().item(() ->
                                writer.write(read.newBars(), read.changed(), read.flows()))).map(rows -> stocksChanged + rows))
                        .call(changed -> changed >= ANALYZE_AFTER_ROWS ? repository.analyze()
                                : Uni.createFrom().voidItem())
                        .map(changed -> {
                            read.skipped().forEach(s -> Log.warnf("%s line %d skipped: %s", s.source(), s.line(),
                                    s.reason()));
                            var summary = new BulkSummary(source, files.size(), read.stocks().size(),
                                    read.tickersWithBars(), read.barRows(), read.flowRows(), changed, read.skipped(),
                                    read.rejected(), (System.nanoTime() - started) / 1_000_000);
                            Log.infof("Import %s: %d files, %d stocks, %d tickers, %d bars, %d flow rows, %d changed,"
                                    + " %d lines skipped, %d files rejected, %d ms", source, files.size(),
                                    summary.stocks(), summary.tickersWithBars(), summary.bars(), summary.flows(),
                                    changed, read.skipped().size(), read.rejected().size(), summary.durationMs());
                            return summary;
                        }));
    }

    private static ImportSummary summary(String source, Parsed<?> parsed, int changed) {
        parsed.skipped().forEach(s -> Log.warnf("%s line %d skipped: %s", s.source(), s.line(), s.reason()));
        Log.debugf("%s: %d rows read, %d changed, %d lines skipped", source, parsed.rows().size(), changed,
                parsed.skipped().size());
        return new ImportSummary(source, parsed.rows().size(), changed, parsed.skipped());
    }
}
