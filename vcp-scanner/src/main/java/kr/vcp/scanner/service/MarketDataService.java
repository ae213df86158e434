package kr.vcp.scanner.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import kr.vcp.scanner.marketdata.Parsed;
import kr.vcp.scanner.marketdata.SkippedLine;
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

    private final MarketDataRepository repository;

    public MarketDataService(MarketDataRepository repository) {
        this.repository = repository;
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
