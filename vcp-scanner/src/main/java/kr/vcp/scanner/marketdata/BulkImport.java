package kr.vcp.scanner.marketdata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.marketdata.MarketDataService.NamedFile;

/**
 * The reading half of a bulk import: every file parsed and each bar compared with the held market, so that only
 * new and changed rows go to the database. Pure CPU work: call it off the event loop.
 *
 * @param bars     per ticker, the bars to write: new or different from those held (halts always, as none is held)
 * @param flows    per ticker, every flow row read (the merge skips those unchanged)
 * @param barRows  bars read, whether they changed or not
 * @param rejected files not imported at all, each with why
 */
record BulkImport(List<StockListing> stocks, Map<String, List<DailyBar>> bars, Map<String, List<InvestorFlow>> flows,
        int tickersWithBars, int barRows, int flowRows, List<SkippedLine> skipped, List<SkippedLine> rejected) {

    static BulkImport read(List<NamedFile> files, MarketSnapshot held) {
        List<StockListing> stocks = new ArrayList<>();
        Map<String, List<DailyBar>> bars = new LinkedHashMap<>();
        Map<String, List<InvestorFlow>> flows = new LinkedHashMap<>();
        Map<String, String> barFiles = new HashMap<>();
        Map<String, String> flowFiles = new HashMap<>();
        List<SkippedLine> skipped = new ArrayList<>();
        List<SkippedLine> rejected = new ArrayList<>();
        int barRows = 0;
        int flowRows = 0;
        for (NamedFile f : files) {
            try {
                switch (MarketDataFiles.kind(f.content())) {
                    case STOCKS -> {
                        Parsed<StockListing> parsed = MarketDataFiles.parseStocks(f.name(), f.content());
                        stocks.addAll(parsed.rows());
                        skipped.addAll(parsed.skipped());
                    }
                    case BARS -> {
                        String ticker = ticker(f, barFiles);
                        Parsed<DailyBar> parsed = MarketDataFiles.parseBars(f.name(), f.content());
                        barRows += parsed.rows().size();
                        skipped.addAll(parsed.skipped());
                        PriceSeries heldBars = held.stock(ticker).map(HeldStock::bars).orElse(null);
                        bars.put(ticker, parsed.rows().stream().filter(b -> !isHeld(heldBars, b)).toList());
                    }
                    case FLOWS -> {
                        String ticker = ticker(f, flowFiles);
                        Parsed<InvestorFlow> parsed = MarketDataFiles.parseFlows(f.name(), f.content());
                        flowRows += parsed.rows().size();
                        skipped.addAll(parsed.skipped());
                        flows.put(ticker, parsed.rows());
                    }
                    default -> rejected.add(new SkippedLine(f.name(), 1,
                            "unknown header: not a stock master, pykrx bars or flows"));
                }
            } catch (IllegalArgumentException e) {
                rejected.add(new SkippedLine(f.name(), 1, e.getMessage()));
            }
        }
        int tickersWithBars = bars.size();
        bars.values().removeIf(List::isEmpty);
        flows.values().removeIf(List::isEmpty);
        return new BulkImport(List.copyOf(stocks), bars, flows, tickersWithBars, barRows, flowRows, skipped, rejected);
    }

    /** The ticker a per-ticker file is named for ({@code 005930.csv}); a second file for it is refused. */
    private static String ticker(NamedFile f, Map<String, String> seen) {
        String base = Path.of(f.name()).getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        String ticker = MarketDataFiles.ticker(base);
        String first = seen.putIfAbsent(ticker, f.name());
        if (first != null) {
            throw new IllegalArgumentException("a second file for " + ticker + ": " + first + " is imported");
        }
        return ticker;
    }

    /** Whether the held market already has this very bar. */
    private static boolean isHeld(PriceSeries held, DailyBar bar) {
        if (held == null || bar.halted()) {
            return false;
        }
        LocalDate[] dates = held.dates();
        int lo = 0;
        int hi = dates.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = dates[mid].compareTo(bar.date());
            if (c == 0) {
                return held.open()[mid] == bar.open() && held.high()[mid] == bar.high() && held.low()[mid] == bar.low()
                        && held.close()[mid] == bar.close() && held.volume()[mid] == bar.volume();
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }
}
