package kr.vcp.scanner.analysis;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import kr.vcp.model.Grade;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;

/**
 * Minervini's trend template, all eight criteria, as the score of a stock: a stage-2 uptrend is the precondition
 * of every VCP, so a stock that meets more of it is a better candidate. The contraction analysis comes on top of
 * this in its own engine. Pure and single-threaded: the caller runs it off the event loop.
 */
public final class TrendTemplateEngine {

    /** Bars of the 52-week window. */
    static final int YEAR = 252;
    /** "The 200-day average rising for at least a month": compared with its value this many bars back. */
    static final int MONTH = 22;
    static final int CRITERIA = 8;

    /**
     * @param minPrice      cheaper stocks are left out (KRW)
     * @param minBars       bars a stock needs for a 200-day average a month old
     * @param minRsRating   criterion 8
     * @param pivotLookback bars whose high is the pivot and whose low supports the stop
     * @param risk          how the trade is planned
     */
    public record Settings(long minPrice, int minBars, int minRsRating, int pivotLookback, RiskPlan.Rules risk) {

        public Settings {
            if (minBars < 200 + MONTH) {
                throw new IllegalArgumentException("minBars must be at least " + (200 + MONTH) + ", was " + minBars);
            }
        }
    }

    /** A stock that made the cut, with what ranks it. */
    public record Candidate(Market market, Signal signal, int rsRating) {
    }

    /**
     * @param signalDate the newest trading day in the universe, or {@code null} when it has no bars
     * @param universe   stocks handed in
     * @param analysed   common stocks with enough liquid history up to the signal date
     * @param candidates best first, each scoring at least the minimum, at most top-N of them
     */
    public record Result(LocalDate signalDate, int universe, int analysed, List<Candidate> candidates) {
    }

    private final Settings settings;

    public TrendTemplateEngine(Settings settings) {
        this.settings = settings;
    }

    public Result scan(List<StockBars> universe, int minScore, int topN, LocalDateTime createdAt) {
        LocalDate signalDate = universe.stream().filter(s -> s.series().size() > 0).map(s -> s.series().lastDate())
                .max(Comparator.naturalOrder()).orElse(null);
        if (signalDate == null) {
            return new Result(null, universe.size(), 0, List.of());
        }
        List<StockBars> eligible = universe.stream().filter(s -> isEligible(s, signalDate)).toList();
        double[] raws = eligible.stream().mapToDouble(s -> RelativeStrength.raw(s.series())).toArray();
        int[] ratings = RelativeStrength.ratings(raws);

        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            Candidate candidate = evaluate(eligible.get(i), ratings[i], createdAt);
            if (candidate.signal().score() >= minScore) {
                candidates.add(candidate);
            }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.signal().score()).reversed()
                .thenComparing(Comparator.comparingInt(Candidate::rsRating).reversed())
                .thenComparing(c -> c.signal().ticker()));
        return new Result(signalDate, universe.size(), eligible.size(),
                List.copyOf(candidates.subList(0, Math.min(topN, candidates.size()))));
    }

    private boolean isEligible(StockBars stock, LocalDate signalDate) {
        PriceSeries s = stock.series();
        return s.size() >= settings.minBars() && s.lastDate().equals(signalDate)
                && s.close()[s.last()] >= settings.minPrice() && isCommonStock(stock.ticker(), stock.name());
    }

    /** KRX common shares end in 0; preferred shares end in 5, 7, 9 and are named ...우, ...우B; SPACs ...스팩. */
    static boolean isCommonStock(String ticker, String name) {
        return ticker.endsWith("0") && !name.matches(".*우[A-C]?$") && !name.contains("스팩");
    }

    private Candidate evaluate(StockBars stock, int rsRating, LocalDateTime createdAt) {
        PriceSeries s = stock.series();
        int t = s.last();
        double close = s.close()[t];
        double sma50 = s.sma(t, 50);
        double sma150 = s.sma(t, 150);
        double sma200 = s.sma(t, 200);
        double sma200MonthAgo = s.sma(t - MONTH, 200);
        int high52 = s.highestHigh(t, YEAR);
        int low52 = s.lowestLow(t, YEAR);

        boolean[] met = {
            close > sma150 && close > sma200,
            sma150 > sma200,
            sma200 > sma200MonthAgo,
            sma50 > sma150 && sma50 > sma200,
            close > sma50,
            close >= low52 * 1.30,
            close >= high52 * 0.75,
            rsRating >= settings.minRsRating()
        };
        int passed = 0;
        for (boolean m : met) {
            passed += m ? 1 : 0;
        }
        int score = (int) Math.round(10.0 * passed / CRITERIA);

        RiskPlan plan = RiskPlan.of(s.highestHigh(t, settings.pivotLookback()),
                s.lowestLow(t, settings.pivotLookback()), settings.risk());
        List<String> reasons = List.of(
                "추세 템플릿 " + passed + "/" + CRITERIA,
                "RS " + rsRating,
                String.format(Locale.ROOT, "52주 고가 대비 %.1f%%", (close / high52 - 1) * 100),
                String.format(Locale.ROOT, "52주 저가 대비 +%.0f%%", (close / low52 - 1) * 100));
        Signal signal = new Signal(stock.ticker(), stock.name(), SignalType.VCP, score, grade(score), plan.entry(),
                plan.target(), plan.stop(), plan.shares(), reasons, createdAt);
        return new Candidate(stock.market(), signal, rsRating);
    }

    /** S for 9-10, A for 7-8, B for 5-6, C below. */
    static Grade grade(int score) {
        if (score >= 9) {
            return Grade.S;
        }
        if (score >= 7) {
            return Grade.A;
        }
        return score >= 5 ? Grade.B : Grade.C;
    }
}
