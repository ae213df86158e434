package kr.vcp.scanner.marketdata;

import kr.vcp.model.Krx;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.marketdata.MarketDataService.ImportFile;

/**
 * The reading half of a bulk import: every file parsed and each bar compared with the held market, so that only
 * new and changed rows go to the database. Pure CPU work: call it off the event loop.
 *
 * @param newBars  per ticker, bars on days the held market has none of: most likely new to the database too
 * @param changed  per ticker, bars the held market holds otherwise, and halts (none is held, so any may be stored)
 * @param flows    per ticker, every flow row read (the merge skips those unchanged)
 * @param barRows  bars read, whether they changed or not
 * @param rejected files not imported at all, each with why
 */
record BulkImport(List<StockListing> stocks, Map<String, List<DailyBar>> newBars,
        Map<String, List<DailyBar>> changed, Map<String, List<InvestorFlow>> flows,
        int tickersWithBars, int barRows, int flowRows, List<SkippedLine> skipped, List<SkippedLine> rejected) {

    /** Files read at once on every core, then handed on in their order. */
    private static final int CHUNK_FILES = 128;

    /**
     * Listings and bars made in this process (the generator's): every bar to be written as new, each ticker's
     * handed to {@code newDays}.
     */
    static BulkImport of(List<StockListing> stocks, Map<String, List<DailyBar>> bars,
            BiConsumer<String, List<DailyBar>> newDays) {
        bars.forEach(newDays);
        int rows = bars.values().stream().mapToInt(List::size).sum();
        return new BulkImport(List.copyOf(stocks), bars, Map.of(), Map.of(), bars.size(), rows, 0, List.of(),
                List.of());
    }

    /**
     * Reads {@code files} and compares each bar with {@code held}; each accepted file's new days go to
     * {@code newDays} as soon as its chunk is read, so that they can be written while the next chunk is parsed.
     */
    static BulkImport read(List<? extends ImportFile> files, MarketSnapshot held,
            BiConsumer<String, List<DailyBar>> newDays) {
        List<StockListing> stocks = new ArrayList<>();
        Map<String, List<DailyBar>> newBars = new LinkedHashMap<>();
        Map<String, List<DailyBar>> changed = new LinkedHashMap<>();
        Map<String, List<InvestorFlow>> flows = new LinkedHashMap<>();
        Map<String, String> barFiles = new HashMap<>();
        Map<String, String> flowFiles = new HashMap<>();
        List<SkippedLine> skipped = new ArrayList<>();
        List<SkippedLine> rejected = new ArrayList<>();
        int barRows = 0;
        int flowRows = 0;
        for (int from = 0; from < files.size(); from += CHUNK_FILES) {
            // Each file read and parsed on its own, on every core; then in order, so that a ticker's second file is the
            // one refused. A chunk's texts are dropped once it is parsed: a folder's files are never all in memory.
            List<FileRead> reads = files.subList(from, Math.min(files.size(), from + CHUNK_FILES)).parallelStream()
                    .map(f -> FileRead.of(f, held)).toList();
            for (FileRead r : reads) {
                String name = r.file().name();
                if (r.error() != null) {
                    rejected.add(new SkippedLine(name, 1, r.error()));
                    continue;
                }
                Map<String, String> firstFiles = r.kind() == MarketDataFiles.Kind.BARS ? barFiles : flowFiles;
                String first = r.ticker() == null ? null : firstFiles.putIfAbsent(r.ticker(), name);
                if (first != null) {
                    rejected.add(new SkippedLine(name, 1, "a second file for " + r.ticker() + ": " + first
                            + " is imported"));
                    continue;
                }
                skipped.addAll(r.skipped());
                switch (r.kind()) {
                    case STOCKS -> stocks.addAll(r.stocks());
                    case BARS -> {
                        barRows += r.rows();
                        newBars.put(r.ticker(), r.newBars());
                        changed.put(r.ticker(), r.changed());
                        newDays.accept(r.ticker(), r.newBars());
                    }
                    default -> {
                        flowRows += r.rows();
                        flows.put(r.ticker(), r.flows());
                    }
                }
            }
        }
        int tickersWithBars = newBars.size();
        newBars.values().removeIf(List::isEmpty);
        changed.values().removeIf(List::isEmpty);
        flows.values().removeIf(List::isEmpty);
        Map<String, StockListing> listed = new LinkedHashMap<>();
        stocks.forEach(l -> listed.put(l.ticker(), l));
        return new BulkImport(List.copyOf(listed.values()), newBars, changed, flows, tickersWithBars, barRows, flowRows,
                skipped, rejected);
    }

    /**
     * One file read: what it holds or why it cannot be used.
     *
     * @param rows bars or flow rows read
     * @param newBars bars on days the held market lacks
     * @param changed bars it holds otherwise, and halts
     */
    private record FileRead(ImportFile file, MarketDataFiles.Kind kind, String ticker, String error,
            List<SkippedLine> skipped, int rows, List<StockListing> stocks, List<DailyBar> newBars,
            List<DailyBar> changed, List<InvestorFlow> flows) {

        static FileRead of(ImportFile f, MarketSnapshot held) {
            String content = f.content();
            MarketDataFiles.Kind kind = MarketDataFiles.kind(content);
            try {
                switch (kind) {
                    case STOCKS -> {
                        Parsed<StockListing> parsed = MarketDataFiles.parseStocks(f.name(), content);
                        return new FileRead(f, kind, null, null, parsed.skipped(), parsed.rows().size(), parsed.rows(),
                                List.of(), List.of(), List.of());
                    }
                    case BARS -> {
                        String ticker = tickerOf(f);
                        Parsed<DailyBar> parsed = MarketDataFiles.parseBars(f.name(), content);
                        PriceSeries heldBars = held.stock(ticker).map(HeldStock::bars).orElse(null);
                        List<DailyBar> fresh = new ArrayList<>();
                        List<DailyBar> changed = new ArrayList<>();
                        for (DailyBar b : parsed.rows()) {
                            switch (compare(heldBars, b)) {
                                case ABSENT -> fresh.add(b);
                                case DIFFERENT -> changed.add(b);
                                default -> { }
                            }
                        }
                        return new FileRead(f, kind, ticker, null, parsed.skipped(), parsed.rows().size(), List.of(),
                                fresh, changed, List.of());
                    }
                    case FLOWS -> {
                        String ticker = tickerOf(f);
                        Parsed<InvestorFlow> parsed = MarketDataFiles.parseFlows(f.name(), content);
                        return new FileRead(f, kind, ticker, null, parsed.skipped(), parsed.rows().size(), List.of(),
                                List.of(), List.of(), parsed.rows());
                    }
                    default -> {
                        return failed(f, kind, "unknown header: not a stock master, pykrx bars or flows");
                    }
                }
            } catch (IllegalArgumentException e) {
                return failed(f, kind, e.getMessage());
            }
        }

        private static FileRead failed(ImportFile f, MarketDataFiles.Kind kind, String error) {
            return new FileRead(f, kind, null, error, List.of(), 0, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** The ticker a per-ticker file is named for ({@code 005930.csv}). */
    private static String tickerOf(ImportFile f) {
        return Krx.ticker(Path.of(f.name()).getFileName().toString().replaceFirst("(?i)\\.csv$", ""));
    }

    private enum Held { SAME, DIFFERENT, ABSENT }

    /** What the held market has of this bar's day; a halt is never held, so it counts as different. */
    private static Held compare(PriceSeries held, DailyBar bar) {
        if (bar.halted()) {
            return Held.DIFFERENT;
        }
        if (held == null) {
            return Held.ABSENT;
        }
        LocalDate[] dates = held.dates();
        int lo = 0;
        int hi = dates.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = dates[mid].compareTo(bar.date());
            if (c == 0) {
                return held.open()[mid] == bar.open() && held.high()[mid] == bar.high() && held.low()[mid] == bar.low()
                        && held.close()[mid] == bar.close() && held.volume()[mid] == bar.volume()
                        ? Held.SAME : Held.DIFFERENT;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Held.ABSENT;
    }
}
