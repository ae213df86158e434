package kr.vcp.scanner.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.StockBars;
import kr.vcp.scanner.analysis.TickGrid;
import kr.vcp.scanner.marketdata.DailyBar;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import kr.vcp.scanner.marketdata.StockListing;

/**
 * A deterministic synthetic KRX market for tests, benchmarks and the local demo: random-walk stocks with KRX-like
 * volatility, trading halts, preferred shares, SPACs and funds among them, plus planted VCP setups (and look-alikes
 * that are not VCPs) whose ground truth it records. The same spec always gives the same market.
 */
public final class SyntheticMarket {

    /**
     * @param seed         the whole market follows from it
     * @param tickers      how many listings
     * @param days         trading days of history
     * @param lastDay      the last trading day
     * @param plantedShare share of listings given a VCP setup ending on the last day
     * @param decoyShare   share given a base that is not a VCP (pullbacks that grow, or a first one too deep)
     * @param breakoutDays 0: setups end on the last day; more: they end this many trading days before it and what
     *                     follows is planted too, a breakout through the pivot that two setups in three carry to 3.5
     *                     R above it, the third failing through its stop within a week
     */
    public record Spec(long seed, int tickers, int days, LocalDate lastDay, double plantedShare, double decoyShare,
            int breakoutDays) {

        public Spec(long seed, int tickers, int days, LocalDate lastDay, double plantedShare, double decoyShare) {
            this(seed, tickers, days, lastDay, plantedShare, decoyShare, 0);
        }

        /** About the size of KRX: ~2,700 listings, ~400 trading days. */
        public static Spec krx(long seed) {
            return new Spec(seed, 2_700, 400, LocalDate.of(2025, 6, 17), 0.04, 0.04);
        }
    }

    /** One listing and its bars, oldest first. */
    public record Listing(StockListing stock, List<DailyBar> bars) {

        /** As the engine reads it from the database: halts left out, they are not prices. */
        public StockBars toStockBars() {
            return new StockBars(stock.ticker(), stock.name(), stock.market(), DailyBar.traded(bars));
        }
    }

    /**
     * A planted setup as generated: where its pivot and last low are, how deep each pullback is, the trading day its
     * base ends on, and what was planted after it (null when it ends on the last day).
     */
    public record Planted(String ticker, int pivot, int lastLow, List<Double> depths, LocalDate setupDay,
            Outcome outcome) {
    }

    public record Generated(List<Listing> listings, List<Planted> planted, List<String> decoys) {

        /**
         * The market as files of the same shape as real pykrx exports, for the import path: {@code stocks.csv} and
         * {@code prices/<ticker>.csv} (a halt as pykrx writes it: open, high and low 0, no volume). Blocking.
         */
        public void writePykrx(java.nio.file.Path dir) throws IOException {
            Files.createDirectories(dir.resolve("prices"));
            StringBuilder master = new StringBuilder(String.join(",", MarketDataFiles.STOCK_HEADER)).append('\n');
            for (Listing l : listings) {
                master.append(l.stock().ticker()).append(',').append(l.stock().name()).append(',')
                        .append(l.stock().market()).append('\n');
                StringBuilder bars = new StringBuilder(String.join(",", MarketDataFiles.BAR_HEADER)).append('\n');
                int previous = 0;
                for (DailyBar b : l.bars()) {
                    double change = previous == 0 ? 0 : 100.0 * (b.close() - previous) / previous;
                    bars.append(b.date()).append(',').append(b.open()).append(',')
                            .append(b.high()).append(',').append(b.low()).append(',')
                            .append(b.close()).append(',').append(b.volume()).append(',').append(change).append('\n');
                    previous = b.close();
                }
                Files.writeString(dir.resolve("prices/" + l.stock().ticker() + ".csv"), bars,
                        StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("stocks.csv"), master, StandardCharsets.UTF_8);
        }
    }

    private enum Kind { PLANTED, DECOY, PLAIN }

    private static final String[] SYLLABLES = {"한", "국", "대", "성", "신", "세", "동", "미", "래", "일", "진", "우",
        "현", "산", "화", "삼", "영", "광", "태", "서", "남", "북", "천", "해"};
    private static final String[] SUFFIXES = {"전자", "바이오", "테크", "화학", "제약", "소재", "에너지", "로보틱스",
        "반도체", "건설", "식품", "엔터", "게임즈", "솔루션", "시스템", "중공업", "정밀", "통신", "금속", "산업"};

    /** What follows a setup that does not end on the last day. */
    public enum Outcome {
        /** Through the pivot the next day, then up to 3.5 R above it without touching the stop. */
        BREAKOUT,
        /** Through the pivot the next day, then down through the stop within a week. */
        FAILURE
    }

    private SyntheticMarket() {
    }

    public static Generated generate(Spec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        List<LocalDate> calendar = tradingDays(spec.lastDay(), spec.days());
        List<Listing> listings = new ArrayList<>();
        List<Planted> planted = new ArrayList<>();
        List<String> decoys = new ArrayList<>();
        for (int i = 0; i < spec.tickers(); i++) {
            SplittableRandom r = random.split();
            Market market = r.nextDouble() < 0.35 ? Market.KOSPI : Market.KOSDAQ;
            String ticker = String.format("9%04d0", i); // 9xxxx0: clear of almost every real KRX code
            String name = name(r, i);
            double kindDraw = r.nextDouble();
            Kind kind = kindDraw < spec.plantedShare() ? Kind.PLANTED
                    : kindDraw < spec.plantedShare() + spec.decoyShare() ? Kind.DECOY : Kind.PLAIN;
            double special = r.nextDouble();
            if (kind == Kind.PLAIN && special < 0.03) {
                name = name + "스팩" + (1 + r.nextInt(9)) + "호";
            } else if (kind == Kind.PLAIN && special < 0.05) {
                name = (r.nextBoolean() ? "KODEX " : "TIGER ") + name;
            }
            Path path = switch (kind) {
                case PLANTED -> plantedVcp(r, spec.days(), spec.breakoutDays());
                case DECOY -> decoyBase(r, spec.days());
                case PLAIN -> randomWalk(r, spec.days());
            };
            List<DailyBar> bars = bars(r, calendar, path, kind == Kind.PLAIN && r.nextDouble() < 0.03);
            listings.add(new Listing(new StockListing(ticker, name, market), bars));
            if (kind == Kind.PLANTED) {
                planted.add(new Planted(ticker, path.pivot, path.lastLow, path.depths,
                        calendar.get(spec.days() - 1 - spec.breakoutDays()), path.outcome));
            } else if (kind == Kind.DECOY) {
                decoys.add(ticker);
            }
            if (r.nextDouble() < 0.05) { // a preferred share beside the common one, same chart
                String pref = ticker.substring(0, 5) + "5";
                listings.add(new Listing(new StockListing(pref, name + "우", market), bars));
            }
        }
        return new Generated(listings, planted, decoys);
    }

    /** Closes, highs, lows and volumes before they become bars; pivot and lastLow only for planted setups. */
    private static final class Path {
        final double[] close;
        final double[] high;
        final double[] low;
        final double[] volume;
        int pivot;
        int lastLow;
        List<Double> depths = List.of();
        Outcome outcome;

        Path(int days) {
            close = new double[days];
            high = new double[days];
            low = new double[days];
            volume = new double[days];
        }
    }

    private static Path randomWalk(SplittableRandom r, int days) {
        Path p = new Path(days);
        double sigma = 0.012 + r.nextDouble() * 0.025;
        double drift = (r.nextDouble() - 0.45) * 0.002;
        double price = Math.exp(Math.log(800) + r.nextDouble() * Math.log(250)); // 800 .. 200,000 KRW
        double baseVolume = Math.exp(Math.log(20_000) + r.nextDouble() * Math.log(200));
        for (int i = 0; i < days; i++) {
            if (r.nextDouble() < 0.01) {
                drift = (r.nextDouble() - 0.45) * 0.003; // regime change
            }
            double ret = drift + sigma * gaussian(r);
            price *= Math.exp(ret);
            fill(p, i, price, sigma, baseVolume * (0.6 + r.nextDouble() * 0.8) * (1 + Math.abs(ret) / sigma), r);
        }
        return p;
    }

    /**
     * A stage-2 advance, then a base of 2-4 pullbacks, each shallower than the one before, the last 3-8% deep,
     * closing just under the pivot. Every pullback but the last is at least 8% deep, so the rebound after it is
     * clearly a swing.
     */
    private static Path plantedVcp(SplittableRandom r, int days, int breakoutDays) {
        int n = 2 + r.nextInt(3);
        double[] depths = switch (n) {
            case 2 -> new double[] {between(r, 0.15, 0.35), between(r, 0.03, 0.08)};
            case 3 -> new double[] {between(r, 0.22, 0.35), between(r, 0.09, 0.15), between(r, 0.03, 0.07)};
            default -> new double[] {between(r, 0.25, 0.35), between(r, 0.14, 0.20), between(r, 0.08, 0.12),
                between(r, 0.03, 0.06)};
        };
        Path p = base(r, days - breakoutDays, depths, 0.97 + r.nextDouble() * 0.025);
        p.depths = java.util.Arrays.stream(depths).boxed().toList();
        return breakoutDays == 0 ? p : breakout(r, p, days, r.nextInt(3) < 2 ? Outcome.BREAKOUT : Outcome.FAILURE);
    }

    /**
     * The setup {@code p} continued to {@code days}: the day after it trades through the pivot (opening under it, so
     * a buy stop there fills at the pivot), then climbs to 3.5 R above the pivot in 15 days with every low over the
     * pivot less half an R, or slides through the stop in 5 days; then drifts sideways where it got to.
     */
    private static Path breakout(SplittableRandom r, Path setup, int days, Outcome outcome) {
        Path p = new Path(days);
        int from = setup.close.length;
        System.arraycopy(setup.close, 0, p.close, 0, from);
        System.arraycopy(setup.high, 0, p.high, 0, from);
        System.arraycopy(setup.low, 0, p.low, 0, from);
        System.arraycopy(setup.volume, 0, p.volume, 0, from);
        p.pivot = setup.pivot;
        p.lastLow = setup.lastLow;
        p.outcome = outcome;
        double pivot = setup.pivot;
        double risk = pivot - (setup.lastLow - TickGrid.tick(setup.lastLow));
        double volume = setup.volume[from - 1] / 0.35 * 2.5; // a breakout on two and a half times the usual volume
        double end = outcome == Outcome.BREAKOUT ? pivot + 3.5 * risk : setup.lastLow - 1.5 * risk;
        int legBars = outcome == Outcome.BREAKOUT ? 15 : 5;
        double previous = setup.close[from - 1];
        for (int j = 0; j < days - from; j++) {
            int i = from + j;
            double close;
            if (j == 0) {
                close = pivot * 1.01;
                p.high[i] = pivot * 1.02;
                p.low[i] = previous * 0.998;
            } else {
                close = j < legBars ? pivot * 1.01 + (end - pivot * 1.01) * j / legBars
                        : end * (1 + 0.004 * gaussian(r));
                p.high[i] = Math.max(previous, close) * 1.004;
                p.low[i] = Math.min(previous, close) * 0.996;
                if (outcome == Outcome.BREAKOUT) {
                    p.low[i] = Math.max(p.low[i], pivot - 0.5 * risk);
                } else {
                    p.high[i] = Math.min(p.high[i], pivot * 1.02);
                }
            }
            p.close[i] = close;
            p.volume[i] = volume * (j == 0 ? 1 : 0.6 + r.nextDouble() * 0.4);
            previous = close;
        }
        return p;
    }

    private static double between(SplittableRandom r, double from, double to) {
        return from + r.nextDouble() * (to - from);
    }

    /** Looks like a setup at a glance but is not one: the pullbacks grow, or the first is far too deep. */
    private static Path decoyBase(SplittableRandom r, int days) {
        double[] depths = r.nextBoolean()
                ? new double[] {0.10 + r.nextDouble() * 0.05, 0.18 + r.nextDouble() * 0.05, 0.25 + r.nextDouble() * 0.05}
                : new double[] {0.45 + r.nextDouble() * 0.10, 0.08 + r.nextDouble() * 0.03};
        return base(r, days, depths, 0.97 + r.nextDouble() * 0.025);
    }

    private static Path base(SplittableRandom r, int days, double[] depths, double finish) {
        Path p = new Path(days);
        double sigma = 0.006 + r.nextDouble() * 0.004;
        double start = Math.exp(Math.log(3_000) + r.nextDouble() * Math.log(40));
        double top = start * (3.0 + r.nextDouble() * 2.0); // a market leader: 3-5x in the year before its base
        // Liquid names: 3 to 30 billion won a day at the top, so even dried-up volume stays tradeable.
        double baseVolume = Math.exp(Math.log(3e9) + r.nextDouble() * Math.log(10)) / top;
        int[] legs = new int[depths.length * 2];
        int baseBars = 0;
        for (int k = 0; k < depths.length; k++) {
            // About a week per 10% of pullback, down and up: a 30% pullback takes some six weeks to repair.
            legs[2 * k] = Math.max(3, (int) Math.round(depths[k] * 40 + r.nextInt(4)));
            legs[2 * k + 1] = Math.max(3, (int) Math.round(depths[k] * 35 + r.nextInt(4)));
            baseBars += legs[2 * k] + legs[2 * k + 1];
        }
        int advanceBars = days - baseBars;
        // The advance: a steady climb to the base's high, a little noise, never above it before the end.
        for (int i = 0; i < advanceBars; i++) {
            double trend = start * Math.pow(top / start, (i + 1.0) / advanceBars);
            double price = i == advanceBars - 1 ? top : Math.min(top * 0.995, trend * (1 + sigma * gaussian(r)));
            fill(p, i, price, sigma, baseVolume * (0.8 + r.nextDouble() * 0.4), r);
            p.high[i] = Math.min(p.high[i], top);
        }
        p.high[advanceBars - 1] = top;
        int i = advanceBars;
        double high = top;
        double volumeLevel = 1.0;
        for (int k = 0; k < depths.length; k++) {
            double low = high * (1 - depths[k]);
            double nextHigh = k + 1 < depths.length ? high * (0.985 + r.nextDouble() * 0.012) : high * finish;
            volumeLevel = k + 1 < depths.length ? volumeLevel * 0.8 : 0.35;
            i = leg(p, r, i, legs[2 * k], high, low, sigma, baseVolume * volumeLevel);
            i = leg(p, r, i, legs[2 * k + 1], low, nextHigh, sigma, baseVolume * volumeLevel);
            if (k == depths.length - 1) {
                p.pivot = (int) TickGrid.ceil(high);
                p.lastLow = (int) TickGrid.floor(low);
            }
            high = nextHigh;
        }
        return p;
    }

    /** A straight leg from {@code from} to {@code to} with noise inside it, its extremes exactly at its ends. */
    private static int leg(Path p, SplittableRandom r, int start, int bars, double from, double to, double sigma,
            double volume) {
        double top = Math.max(from, to);
        double bottom = Math.min(from, to);
        for (int j = 1; j <= bars; j++) {
            int i = start + j - 1;
            double line = from + (to - from) * j / bars;
            double price = j == bars ? to : Math.max(bottom * 1.002, Math.min(top * 0.998, line * (1 + sigma * gaussian(r))));
            fill(p, i, price, sigma, volume * (0.8 + r.nextDouble() * 0.4), r);
            p.high[i] = Math.min(p.high[i], j == bars && to == top ? top : top * 0.999);
            p.low[i] = Math.max(p.low[i], j == bars && to == bottom ? bottom : bottom * 1.001);
            if (j == bars) {
                if (to == top) {
                    p.high[i] = top;
                } else {
                    p.low[i] = bottom;
                }
            }
        }
        return start + bars;
    }

    private static void fill(Path p, int i, double close, double sigma, double volume, SplittableRandom r) {
        double open = i == 0 ? close : p.close[i - 1] * (1 + sigma * 0.3 * gaussian(r));
        p.close[i] = close;
        p.high[i] = Math.max(open, close) * (1 + Math.abs(gaussian(r)) * sigma * 0.4);
        p.low[i] = Math.min(open, close) * (1 - Math.abs(gaussian(r)) * sigma * 0.4);
        p.volume[i] = volume;
    }

    /**
     * Prices on the KRX tick grid, as real quotes are (high rounded up, low down, close to the nearest tick), open
     * inside the range; a halted stock gets 3-10 halt days (no prices, no volume).
     */
    private static List<DailyBar> bars(SplittableRandom r, List<LocalDate> calendar, Path p, boolean halts) {
        int haltFrom = halts ? 20 + r.nextInt(calendar.size() - 40) : -1;
        int haltTo = haltFrom + 3 + r.nextInt(8);
        List<DailyBar> bars = new ArrayList<>(calendar.size());
        for (int i = 0; i < calendar.size(); i++) {
            int close = (int) Math.max(1, TickGrid.nearest(p.close[i]));
            if (i >= haltFrom && i < haltTo) {
                bars.add(DailyBar.halt(calendar.get(i), bars.isEmpty() ? close : bars.get(bars.size() - 1).close()));
                continue;
            }
            int high = (int) Math.max(close, TickGrid.ceil(p.high[i]));
            int low = (int) Math.max(1, Math.min(close, TickGrid.floor(p.low[i])));
            int open = bars.isEmpty() ? close : Math.min(high, Math.max(low, bars.get(bars.size() - 1).close()));
            bars.add(new DailyBar(calendar.get(i), open, high, low, close, Math.max(1, Math.round(p.volume[i])), false));
        }
        return bars;
    }

    private static List<LocalDate> tradingDays(LocalDate last, int days) {
        List<LocalDate> out = new ArrayList<>(days);
        LocalDate d = last;
        while (out.size() < days) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                out.add(0, d);
            }
            d = d.minusDays(1);
        }
        return out;
    }

    private static String name(SplittableRandom r, int i) {
        return SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                + SUFFIXES[r.nextInt(SUFFIXES.length)] + (i % 7 == 0 ? "홀딩스" : "");
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
