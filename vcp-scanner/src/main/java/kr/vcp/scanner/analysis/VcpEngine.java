package kr.vcp.scanner.analysis;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kr.vcp.model.Grade;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;

/**
 * The scan: which stocks of a market form a Minervini VCP today, how good each setup is, and the trade plan.
 * A signal needs a liquid common stock in a stage-2 uptrend (the trend template) with a valid, actionable VCP.
 * Pure; a scan evaluates its stocks on every core of the common pool: the caller runs it off the event loop.
 */
public final class VcpEngine {

    /**
     * @param universe          who is analysed at all
     * @param minRsRating       trend-template criterion 8
     * @param minTrendCriteria  criteria of eight a signal needs
     * @param vcp               the pattern
     * @param risk              the trade plan
     */
    public record Settings(Universe.Rules universe, int minRsRating, int minTrendCriteria, VcpDetector.Rules vcp,
            RiskPlan.Rules risk, InvestorFlows.Rules flows) {

        public Settings {
            if (universe.minBars() < TrendTemplate.MIN_BARS) {
                throw new IllegalArgumentException("min-bars must be at least " + TrendTemplate.MIN_BARS);
            }
        }
    }

    /** A signal that made the cut, with what ranks it. */
    public record Candidate(Market market, Signal signal, int rsRating, Evaluation.Score score) {
    }

    /**
     * @param signalDate the newest trading day in the universe, or {@code null} when it has no bars
     * @param universe   stocks handed in
     * @param analysed   stocks inside the universe rules up to the signal date
     * @param candidates best first, each scoring at least the minimum, at most top-N of them
     */
    public record Result(LocalDate signalDate, int universe, int analysed, List<Candidate> candidates) {
    }

    /** Trading days of investor flows a signal sums in foreign_5d and inst_5d. */
    private static final int FLOW_DAYS = 5;

    /** The grade first (it is what held out of sample), then the score, then relative strength. */
    private static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparing((Candidate c) -> c.signal().grade())
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.signal().score()).reversed())
            .thenComparing(Comparator.comparingInt(Candidate::rsRating).reversed())
            .thenComparing(c -> c.signal().ticker());

    private final Settings settings;
    private final VcpDetector detector;

    public VcpEngine(Settings settings) {
        this.settings = settings;
        this.detector = new VcpDetector(settings.vcp());
    }

    /**
     * Relative strength of a universe: who of it is rated, and how, on its newest trading day. It depends on the
     * universe alone, so a caller holding the market rates each trading day once and reuses it.
     *
     * @param signalDate the newest trading day in the universe, or {@code null} when it has no bars
     * @param byTicker   RS 1..99 of the stocks inside the universe rules whose last bar is the signal day
     */
    public record Ratings(LocalDate signalDate, Map<String, Integer> byTicker) {
    }

    public Ratings rate(List<StockBars> universe) {
        LocalDate signalDate = universe.stream().filter(s -> s.series().size() > 0).map(s -> s.series().lastDate())
                .max(Comparator.naturalOrder()).orElse(null);
        if (signalDate == null) {
            return new Ratings(null, Map.of());
        }
        List<StockBars> eligible = universe.stream()
                .filter(s -> s.series().size() > 0 && s.series().lastDate().equals(signalDate))
                .filter(s -> Universe.exclusions(s.ticker(), s.name(), s.series(), settings.universe()).isEmpty())
                .toList();
        int[] ratings = RelativeStrength.ratings(eligible.stream().mapToDouble(s -> RelativeStrength.raw(s.series()))
                .toArray());
        Map<String, Integer> byTicker = new HashMap<>();
        for (int i = 0; i < eligible.size(); i++) {
            byTicker.put(eligible.get(i).ticker(), ratings[i]);
        }
        return new Ratings(signalDate, Map.copyOf(byTicker));
    }

    /**
     * Scans the stocks of {@code markets}; relative strength ranks them against the whole {@code universe}, which
     * should hold both markets.
     */
    public Result scan(List<StockBars> universe, Set<Market> markets, int minScore, int topN, LocalDateTime createdAt) {
        return scan(universe, rate(universe), markets, minScore, topN, createdAt);
    }

    /** The same with the universe's {@link #rate ratings} already known. */
    public Result scan(List<StockBars> universe, Ratings ratings, Set<Market> markets, int minScore, int topN,
            LocalDateTime createdAt) {
        return select(evaluate(universe, ratings), markets, minScore, topN, createdAt);
    }

    /**
     * Every rated stock of a universe evaluated once: its signal where it is one, and how many stocks each market
     * has and had analysed. Scans of any scope and cut-off {@link #select} from it.
     */
    public record Evaluated(LocalDate signalDate, Map<Market, Integer> stocks, Map<Market, Integer> analysed,
            List<Candidate> candidates) {
    }

    public Evaluated evaluate(List<StockBars> universe, Ratings ratings) {
        Map<Market, Integer> stocks = new java.util.EnumMap<>(Market.class);
        universe.forEach(s -> stocks.merge(s.market(), 1, Integer::sum));
        if (ratings.signalDate() == null) {
            return new Evaluated(null, stocks, Map.of(), List.of());
        }
        List<StockBars> rated = universe.stream().filter(s -> ratings.byTicker().containsKey(s.ticker())).toList();
        Map<Market, Integer> analysed = new java.util.EnumMap<>(Market.class);
        rated.forEach(s -> analysed.merge(s.market(), 1, Integer::sum));
        // Each stock on its own: the evaluations share nothing, so they run on every core.
        List<Candidate> candidates = rated.parallelStream()
                .map(stock -> {
                    int rating = ratings.byTicker().get(stock.ticker());
                    Evaluation e = evaluate(stock, rating, null);
                    return e.signal() == null ? null : new Candidate(stock.market(), e.signal(), rating, e.score());
                })
                .filter(java.util.Objects::nonNull)
                .sorted(BEST_FIRST)
                .toList();
        return new Evaluated(ratings.signalDate(), stocks, analysed, candidates);
    }

    /** The best {@code topN} signals of {@code markets} scoring at least {@code minScore}, made at {@code createdAt}. */
    public Result select(Evaluated evaluated, Set<Market> markets, int minScore, int topN, LocalDateTime createdAt) {
        return select(evaluated, markets, minScore, null, topN, createdAt);
    }

    /** The same, of {@code minGrade} or better when it is given. */
    public Result select(Evaluated evaluated, Set<Market> markets, int minScore, Grade minGrade, int topN,
            LocalDateTime createdAt) {
        int inScope = markets.stream().mapToInt(m -> evaluated.stocks().getOrDefault(m, 0)).sum();
        if (evaluated.signalDate() == null) {
            return new Result(null, inScope, 0, List.of());
        }
        int analysed = markets.stream().mapToInt(m -> evaluated.analysed().getOrDefault(m, 0)).sum();
        List<Candidate> chosen = evaluated.candidates().stream()
                .filter(c -> markets.contains(c.market()) && c.signal().score() >= minScore
                        && (minGrade == null || c.signal().grade().compareTo(minGrade) <= 0))
                .limit(topN)
                .map(c -> new Candidate(c.market(), c.signal().madeAt(createdAt), c.rsRating(), c.score()))
                .toList();
        return new Result(evaluated.signalDate(), inScope, analysed, chosen);
    }

    /** The market gate on {@code day}, judged from its {@code universe} (see {@link MarketBreadth}). */
    public MarketBreadth.Gate breadth(LocalDate day, List<StockBars> universe, Ratings ratings) {
        return MarketBreadth.of(day, universe, ratings, settings.minRsRating());
    }

    /** The full breakdown of one stock of {@code universe}, rated against all of them. */
    public Optional<Evaluation> explain(List<StockBars> universe, String ticker, LocalDateTime createdAt) {
        return universe.stream().filter(s -> s.ticker().equals(ticker)).findFirst()
                .flatMap(stock -> explain(stock, rate(universe), createdAt));
    }

    /** The full breakdown of {@code stock}, one of the universe that {@code ratings} rates. */
    public Optional<Evaluation> explain(StockBars stock, Ratings ratings, LocalDateTime createdAt) {
        if (ratings.signalDate() == null || stock.series().size() == 0) {
            return Optional.empty();
        }
        Integer rating = ratings.byTicker().get(stock.ticker());
        StockBars s = stock;
        if (rating == null) {
            List<String> why = new ArrayList<>(Universe.exclusions(s.ticker(), s.name(), s.series(), settings.universe()));
            if (!s.series().lastDate().equals(ratings.signalDate())) {
                why.add("마지막 거래일 " + s.series().lastDate() + " (기준일 " + ratings.signalDate() + ")");
            }
            return Optional.of(new Evaluation(s.ticker(), s.name(), s.market(), s.series().lastDate(),
                    s.series().close()[s.series().last()], why, List.of(), 0, 0, null, Evaluation.Score.NONE, null,
                    null, "분석 대상 아님: " + String.join(", ", why), s.series()));
        }
        return Optional.of(evaluate(s, rating, createdAt));
    }

    private Evaluation evaluate(StockBars stock, int rsRating, LocalDateTime createdAt) {
        PriceSeries s = stock.series();
        int t = s.last();
        List<TrendTemplate.Criterion> trend = TrendTemplate.check(s, rsRating, settings.minRsRating());
        int passed = TrendTemplate.passed(trend);
        VcpDetector.Pattern pattern = detector.detect(s);
        String verdict;
        if (passed < settings.minTrendCriteria()) {
            verdict = String.format(Locale.ROOT, "추세 템플릿 %d/8: %d개 이상 필요", passed, settings.minTrendCriteria());
        } else if (pattern == null) {
            verdict = "베이스 없음: 오늘 신고가";
        } else if (!pattern.valid()) {
            verdict = "VCP 아님: " + String.join(", ", pattern.failures());
        } else {
            verdict = null;
        }
        if (verdict != null) {
            return new Evaluation(stock.ticker(), stock.name(), stock.market(), s.lastDate(), s.close()[t], List.of(),
                    trend, passed, rsRating, pattern, Evaluation.Score.NONE, null, null, verdict, s);
        }
        boolean foreigners = stock.flows() != null && stock.flows().foreignersTurnedBuyers(settings.flows());
        boolean institutions = stock.flows() != null && stock.flows().institutionsTurnedBuyers(settings.flows());
        Evaluation.Score score = score(passed, rsRating, pattern, foreigners, institutions);
        long tick = TickGrid.tick(pattern.lastLow());
        RiskPlan plan = RiskPlan.of(pattern.pivot(), pattern.lastLow() - tick, settings.risk());
        InvestorFlows.Net net = stock.flows() == null ? null
                : stock.flows().since(s.dates()[Math.max(0, t - (FLOW_DAYS - 1))]);
        Signal signal = new Signal(stock.ticker(), stock.name(), SignalType.VCP, score.total(), grade(score),
                plan.entry(), plan.target(), plan.stop(), plan.shares(),
                reasons(passed, rsRating, pattern, foreigners, institutions), createdAt, stock.market(), s.lastDate(),
                (long) s.close()[t], Math.round(pattern.contractionRatio() * 100) / 100.0,
                net == null ? null : net.foreigners(), net == null ? null : net.institutions());
        return new Evaluation(stock.ticker(), stock.name(), stock.market(), s.lastDate(), s.close()[t], List.of(),
                trend, passed, rsRating, pattern, score, plan, signal,
                String.format(Locale.ROOT, "VCP 신호: 점수 %d, 등급 %s", score.total(), signal.grade()), s);
    }

    /** See {@link Evaluation.Score}. */
    static Evaluation.Score score(int trendPassed, int rsRating, VcpDetector.Pattern p, boolean foreigners,
            boolean institutions) {
        double trend = trendPassed >= 8 ? 2 : trendPassed == 7 ? 1 : 0;
        double lastDepth = p.contractions().get(p.contractions().size() - 1).depth();
        double contraction = (lastDepth <= 0.05 ? 2 : lastDepth <= 0.08 ? 1.5 : 1) + (p.contractionRatio() <= 0.3 ? 1 : 0);
        double volume = p.dryUp() <= 0.5 ? 2 : p.dryUp() <= 0.7 ? 1 : 0;
        double rs = rsRating >= 90 ? 2 : rsRating >= 80 ? 1 : 0;
        double pivot = p.pivotDistance() <= 0.03 ? 1 : 0;
        double flows = (foreigners ? 0.5 : 0) + (institutions ? 0.5 : 0);
        int total = (int) Math.min(10, Math.round(trend + contraction + volume + rs + pivot + flows));
        return new Evaluation.Score(trend, contraction, volume, rs, pivot, flows, total);
    }

    /**
     * The grade is the one part of the score whose record held on a later period than the one it was chosen on
     * (README, "An honest grade"): A when the base's contraction is in the range that paid, B when it is too loose
     * (the last pullback over 8% and more than 0.3 of the first) or too tight (the last 5% or less and at most 0.3 of
     * the first: a stop so near that noise and costs take it). S and C are not given: no finer rule held. The score
     * stays what it was, how closely the base follows the textbook.
     */
    static Grade grade(Evaluation.Score score) {
        return score.contraction() >= 1.5 && score.contraction() <= 2.5 ? Grade.A : Grade.B;
    }

    private static List<String> reasons(int trendPassed, int rsRating, VcpDetector.Pattern p, boolean foreigners,
            boolean institutions) {
        String depths = p.contractions().stream().map(c -> String.format(Locale.ROOT, "%.0f", c.depth() * 100))
                .collect(Collectors.joining("→"));
        List<String> reasons = new ArrayList<>();
        reasons.add(String.format(Locale.ROOT, "수축률 %.2f", p.contractionRatio()));
        if (foreigners) {
            reasons.add("외국인 수급 개선");
        }
        if (institutions) {
            reasons.add("기관 수급 개선");
        }
        reasons.add("수축 " + p.contractions().size() + "회 " + depths + "%");
        reasons.add(String.format(Locale.ROOT, "거래량 감소 %.2f", p.dryUp()));
        reasons.add("RS " + rsRating);
        reasons.add(String.format(Locale.ROOT, "피벗까지 %.1f%%", p.pivotDistance() * 100));
        reasons.add("추세 템플릿 " + trendPassed + "/8");
        return reasons;
    }
}
