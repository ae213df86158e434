package kr.vcp.scanner.marketdata;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import kr.vcp.scanner.errors.LogText;
import kr.vcp.scanner.outbox.OutboxRelay;

/** Imports market data files idempotently: importing the same file twice changes nothing the second time. */
@ApplicationScoped
public class MarketDataService {

    /**
     * @param rows    rows read from the file
     * @param changed rows inserted or updated (0 on a re-import of the same file)
     * @param skipped      lines left out, each with its reason: the first {@value #REPORTED_LINES}
     * @param skippedTotal lines left out in all
     */
    public record ImportSummary(
            @JsonProperty("source") String source,
            @JsonProperty("rows") int rows,
            @JsonProperty("changed") int changed,
            @JsonProperty("skipped") List<SkippedLine> skipped,
            @JsonProperty("skipped_total") int skippedTotal) {
    }

    /** Skipped lines an answer lists; the rest are counted. */
    public static final int REPORTED_LINES = 100;

    /** Skipped lines the log names one by one; the rest are counted in one line. */
    private static final int LOGGED_LINES = 20;

    /** Rows changed by one import from which the planner's statistics are refreshed. */
    private static final int ANALYZE_AFTER_ROWS = 10_000;

    private final MarketDataRepository repository;
    private final BulkWriter writer;
    private final HeldMarket market;
    private final OutboxRelay relay;
    private final EventBus bus;
    private final Vertx vertx;

    public MarketDataService(MarketDataRepository repository, BulkWriter writer, HeldMarket market, OutboxRelay relay,
            EventBus bus, Vertx vertx) {
        this.repository = repository;
        this.writer = writer;
        this.market = market;
        this.relay = relay;
        this.bus = bus;
        this.vertx = vertx;
    }

    /** A file of a bulk import: its name (the ticker for bars and flows) and its text, read when asked. */
    public interface ImportFile {
        String name();

        String content();
    }

    /** A file whose text is in memory already (posted, or unpacked from a zip). */
    public record NamedFile(String name, String content) implements ImportFile {
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
            @JsonProperty("skipped_total") int skippedTotal,
            @JsonProperty("rejected") List<SkippedLine> rejected,
            @JsonProperty("duration_ms") long durationMs) {
    }

    /**
     * One file posted on its own, of the {@code kind} its endpoint takes: a stock master, or bars or flows of the
     * ticker in its name. A file of another kind is refused whole.
     */
    public Uni<ImportSummary> importFile(MarketDataFiles.Kind kind, NamedFile file) {
        return Uni.createFrom().item(() -> {
            MarketDataFiles.requireKind(file, kind);
            return List.of(file);
        }).chain(files -> importAll(file.name(), files)).map(done -> {
            if (!done.rejected().isEmpty()) {
                throw new MarketDataFiles.MalformedFileException(done.rejected().get(0).reason());
            }
            int rows = switch (kind) {
                case STOCKS -> done.stocks();
                case BARS -> done.bars();
                default -> done.flows();
            };
            return new ImportSummary(file.name(), rows, done.changed(), done.skipped(), done.skippedTotal());
        });
    }

    /**
     * Imports many files, each recognised by its header: stock masters, and bars and flows of the ticker in each
     * file's name ({@code 005930.csv}). A file that cannot be used is reported and the rest imported. Bars the held
     * market already has are not sent to the database; the rest goes in by {@code COPY} in one transaction, and
     * this replica's held market takes the write in without reading it back when nothing else wrote meanwhile.
     */
    public Uni<BulkSummary> importAll(String source, List<? extends ImportFile> files) {
        return importRead(source, files.size(), (held, newDays) -> BulkImport.read(files, held, newDays));
    }

    /** Listings and their bars made here (the generator's), written as an import of them would be. */
    public Uni<Integer> load(String source, List<StockListing> stocks, Map<String, List<DailyBar>> bars) {
        return importRead(source, 0, (held, newDays) -> BulkImport.of(stocks, bars, newDays))
                .map(BulkSummary::changed);
    }

    /** How an import is read: against the held market, handing each ticker's new days on as soon as it has them. */
    private interface Reading {
        BulkImport read(MarketSnapshot held, BiConsumer<String, List<DailyBar>> newDays);
    }

    private Uni<BulkSummary> importRead(String source, int files, Reading reading) {
        long started = System.nanoTime();
        return market.current()
                // Parsing a million lines and comparing them with the held market, while COPY through JDBC writes
                // what is new: CPU work and blocking calls, on a worker thread.
                .chain(held -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    BulkWriter.Written written = writer.write(held, newDays -> reading.read(held, newDays));
                    long stored = System.nanoTime();
                    if (written.rows() > 0 && written.ownChangeUpTo() >= 0) {
                        market.adopt(held, written.ownChangeUpTo(), written.read());
                    }
                    if (written.rows() > 0) {
                        relay.wake(); // the closing prices the write queued
                        bus.send(MarketDataImported.ADDRESS, new MarketDataImported(source, written.rows()));
                    }
                    Log.debugf("Import %s: read and written in %d ms, held in %d ms", LogText.of(source),
                            (stored - started) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
                    return summary(source, files, written.read(), written.rows(), started);
                })))
                .invoke(summary -> {
                    if (summary.changed() >= ANALYZE_AFTER_ROWS) {
                        refreshStatistics(source);
                    }
                });
    }

    /**
     * The planner's statistics refreshed after a large import, once the import has answered: its rows are committed
     * and held already, and refreshing them (a second on a million bars) is housekeeping the caller need not wait for.
     */
    private void refreshStatistics(String source) {
        long started = System.nanoTime();
        repository.analyze().subscribe().with(
                done -> Log.debugf("Import %s: statistics refreshed in %d ms", LogText.of(source),
                        (System.nanoTime() - started) / 1_000_000),
                failure -> Log.warnf("Import %s: refreshing statistics failed: %s", LogText.of(source),
                        failure.getMessage()));
    }

    private static BulkSummary summary(String source, int files, BulkImport read, int changed, long started) {
        List<SkippedLine> skipped = read.skipped();
        skipped.stream().limit(LOGGED_LINES).forEach(s -> Log.warnf("%s line %d skipped: %s", LogText.of(s.source()),
                s.line(), LogText.of(s.reason())));
        if (skipped.size() > LOGGED_LINES) {
            Log.warnf("Import %s: %d more lines skipped (the answer lists the first %d)", LogText.of(source),
                    skipped.size() - LOGGED_LINES, REPORTED_LINES);
        }
        var summary = new BulkSummary(source, files, read.stocks().size(), read.tickersWithBars(), read.barRows(),
                read.flowRows(), changed, List.copyOf(skipped.subList(0, Math.min(REPORTED_LINES, skipped.size()))), skipped.size(),
                read.rejected(), (System.nanoTime() - started) / 1_000_000);
        Log.infof("Import %s: %d files, %d stocks, %d tickers, %d bars, %d flow rows, %d changed, %d lines skipped,"
                + " %d files rejected, %d ms", LogText.of(source), files, summary.stocks(), summary.tickersWithBars(),
                summary.bars(), summary.flows(), changed, read.skipped().size(), read.rejected().size(),
                summary.durationMs());
        return summary;
    }
}
