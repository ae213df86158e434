package kr.vcp.scanner.marketdata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.InvestorFlows;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.analysis.StockBars;

/**
 * The whole market as one replica holds it at one moment, never changed: an import makes a new snapshot that
 * shares every listing it did not touch. {@link #version} is the last {@code market_changes} row it reflects.
 */
public final class MarketSnapshot {

    /** Calendar days of flows a stock brings to a scan: enough for the recent and prior windows of trading days. */
    static final int FLOW_LOOKBACK_DAYS = 45;

    /** Trading days whose universe is kept built: today's scans and analyses, and a few days back. */
    private static final int DAYS_KEPT = 8;

    private final long version;
    private final Map<String, HeldStock> stocks;
    private final Map<DayKey, MarketDay> days = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DayKey, MarketDay> eldest) {
            return size() > DAYS_KEPT;
        }
    };

    private record DayKey(LocalDate day, int lookbackDays) {
    }

    MarketSnapshot(long version, Map<String, HeldStock> stocks) {
        this.version = version;
        this.stocks = new TreeMap<>(stocks);
    }

    /** A market of {@code listings} held in memory only, never read from the tables: the generator's, for tests. */
    public static MarketSnapshot of(Collection<HeldStock> listings) {
        Map<String, HeldStock> byTicker = new HashMap<>();
        listings.forEach(s -> byTicker.put(s.ticker(), s));
        return new MarketSnapshot(0, byTicker);
    }

    public long version() {
        return version;
    }

    /** This market with {@code changed} listings replaced or added and {@code removed} ones gone. */
    MarketSnapshot with(long newVersion, Collection<HeldStock> changed, Set<String> removed) {
        Map<String, HeldStock> next = new HashMap<>(stocks);
        next.keySet().removeAll(removed);
        changed.forEach(s -> next.put(s.ticker(), s));
        return new MarketSnapshot(newVersion, next);
    }

    /**
     * This market with {@code read} written to it, as the tables hold it after that write committed: listings
     * renamed or added, bars and flows replaced or added by day, halts dropped (none is held). Only for a write the
     * tables held no earlier history of for its new listings (see {@code BulkWriter}).
     */
    MarketSnapshot withWritten(long newVersion, BulkImport read, Map<LocalDate, LocalDate> days) {
        Map<String, StockListing> listed = new HashMap<>();
        read.stocks().forEach(l -> listed.put(l.ticker(), l));
        Set<String> touched = new java.util.TreeSet<>(listed.keySet());
        touched.addAll(read.newBars().keySet());
        touched.addAll(read.changed().keySet());
        touched.addAll(read.flows().keySet());
        List<HeldStock> changed = new ArrayList<>();
        for (String ticker : touched) {
            HeldStock old = stocks.get(ticker);
            StockListing listing = listed.get(ticker);
            if (old == null && listing == null) {
                continue; // bars of a ticker without a listing: not held
            }
            String name = listing != null ? listing.name() : old.name();
            Market market = listing != null ? listing.market() : old.market();
            PriceSeries bars = old == null ? HeldStock.NO_BARS : old.bars();
            List<DailyBar> written = new ArrayList<>(read.newBars().getOrDefault(ticker, List.of()));
            written.addAll(read.changed().getOrDefault(ticker, List.of()));
            HeldStock.Flows flows = old == null ? HeldStock.Flows.NONE : old.flows();
            changed.add(new HeldStock(ticker, name, market, written.isEmpty() ? bars : merged(bars, written, days),
                    read.flows().containsKey(ticker) ? merged(flows, read.flows().get(ticker), days) : flows));
        }
        return with(newVersion, changed, Set.of());
    }

    private static PriceSeries merged(PriceSeries held, List<DailyBar> written, Map<LocalDate, LocalDate> days) {
        TreeMap<LocalDate, DailyBar> byDay = new TreeMap<>();
        for (int i = 0; i < held.size(); i++) {
            byDay.put(held.dates()[i], new DailyBar(held.dates()[i], held.open()[i], held.high()[i], held.low()[i],
                    held.close()[i], held.volume()[i], false));
        }
        for (DailyBar b : written) {
            LocalDate day = days.computeIfAbsent(b.date(), d -> d);
            byDay.put(day, new DailyBar(day, b.open(), b.high(), b.low(), b.close(), b.volume(), b.halted()));
        }
        return DailyBar.traded(byDay.values());
    }

    private static HeldStock.Flows merged(HeldStock.Flows held, List<InvestorFlow> written,
            Map<LocalDate, LocalDate> days) {
        TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
        for (int i = 0; i < held.dates().length; i++) {
            byDay.put(held.dates()[i], new long[] {held.foreigners()[i], held.institutions()[i]});
        }
        written.forEach(f -> byDay.put(f.date(), new long[] {f.foreigners(), f.institution()}));
        int n = byDay.size();
        LocalDate[] dates = new LocalDate[n];
        long[] foreigners = new long[n];
        long[] institutions = new long[n];
        int i = 0;
        for (Map.Entry<LocalDate, long[]> e : byDay.entrySet()) {
            dates[i] = days.computeIfAbsent(e.getKey(), d -> d);
            foreigners[i] = e.getValue()[0];
            institutions[i] = e.getValue()[1];
            i++;
        }
        return new HeldStock.Flows(dates, foreigners, institutions);
    }

    public Optional<HeldStock> stock(String ticker) {
        return Optional.ofNullable(stocks.get(ticker));
    }

    /** Every listing, by ticker. */
    public Collection<HeldStock> stocks() {
        return stocks.values();
    }

    public int listings() {
        return stocks.size();
    }

    public long bars() {
        return stocks.values().stream().mapToLong(s -> s.bars().size()).sum();
    }

    /** Bytes held in columns, for the operator. */
    public long bytes() {
        return stocks.values().stream().mapToLong(HeldStock::bytes).sum();
    }

    /** The newest trading day of {@code markets}, on or before {@code asOf} when given; null when none. */
    public LocalDate latestDay(Set<Market> markets, LocalDate asOf) {
        LocalDate latest = null;
        for (HeldStock s : stocks.values()) {
            if (!markets.contains(s.market()) || s.bars().size() == 0) {
                continue;
            }
            int i = asOf == null ? s.bars().last() : lastOnOrBefore(s.bars().dates(), asOf);
            if (i >= 0 && (latest == null || s.bars().dates()[i].isAfter(latest))) {
                latest = s.bars().dates()[i];
            }
        }
        return latest;
    }

    /**
     * Both markets as of {@code day}: each stock with its bars in the {@code lookbackDays} calendar days up to it
     * (stocks without any are left out) and its flows of the last {@value #FLOW_LOOKBACK_DAYS} days.
     */
    public synchronized MarketDay day(LocalDate day, int lookbackDays) {
        return days.computeIfAbsent(new DayKey(day, lookbackDays), k -> build(day, lookbackDays));
    }

    /** {@code day} built afresh and not kept: for walking through history (a backtest), which would push today's out. */
    public MarketDay dayUnkept(LocalDate day, int lookbackDays) {
        return build(day, lookbackDays);
    }

    /** The trading days of {@code markets} from {@code from} to {@code to}, oldest first. */
    public List<LocalDate> tradingDays(Set<Market> markets, LocalDate from, LocalDate to) {
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        for (HeldStock s : stocks.values()) {
            if (!markets.contains(s.market())) {
                continue;
            }
            LocalDate[] dates = s.bars().dates();
            for (int i = lastOnOrBefore(dates, to); i >= 0 && !dates[i].isBefore(from); i--) {
                days.add(dates[i]);
            }
        }
        return List.copyOf(days);
    }

    private MarketDay build(LocalDate day, int lookbackDays) {
        LocalDate barsAfter = day.minusDays(lookbackDays);
        LocalDate flowsAfter = day.minusDays(FLOW_LOOKBACK_DAYS);
        List<StockBars> universe = new ArrayList<>(stocks.size());
        Map<String, StockBars> byTicker = new HashMap<>();
        for (HeldStock s : stocks.values()) {
            LocalDate[] dates = s.bars().dates();
            int to = lastOnOrBefore(dates, day) + 1;
            int from = lastOnOrBefore(dates, barsAfter) + 1;
            if (from >= to) {
                continue;
            }
            StockBars stock = new StockBars(s.ticker(), s.name(), s.market(), s.bars().slice(from, to),
                    flows(s.flows(), flowsAfter, day));
            universe.add(stock);
            byTicker.put(s.ticker(), stock);
        }
        return new MarketDay(day, List.copyOf(universe), byTicker);
    }

    private static InvestorFlows flows(HeldStock.Flows flows, LocalDate after, LocalDate until) {
        int to = lastOnOrBefore(flows.dates(), until) + 1;
        int from = lastOnOrBefore(flows.dates(), after) + 1;
        if (from >= to) {
            return null;
        }
        return new InvestorFlows(Arrays.copyOfRange(flows.dates(), from, to), Arrays.copyOfRange(flows.foreigners(), from, to),
                Arrays.copyOfRange(flows.institutions(), from, to));
    }

    /** Index of the last date on or before {@code day} in ascending {@code dates}; -1 when none. */
    private static int lastOnOrBefore(LocalDate[] dates, LocalDate day) {
        int lo = 0;
        int hi = dates.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (dates[mid].isAfter(day)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo - 1;
    }
}
