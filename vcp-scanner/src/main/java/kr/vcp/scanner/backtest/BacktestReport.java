package kr.vcp.scanner.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kr.vcp.scanner.analysis.TradeFollower;

/**
 * What a walk-forward backtest found: every signal it took and how each traded, and the figures over them, overall
 * and broken down by grade, by score and by each part of the score. Returns are after costs; R is the multiple of
 * each trade's planned risk. The equity curve is an equal-risk portfolio (one R per trade) by exit day, and its
 * maximum drawdown is in R.
 */
public record BacktestReport(
        @JsonProperty("days") int days,
        @JsonProperty("figures") Figures figures,
        @JsonProperty("by_grade") Map<String, Figures> byGrade,
        @JsonProperty("by_score") Map<String, Figures> byScore,
        @JsonProperty("by_score_part") Map<String, Map<String, Figures>> byScorePart,
        @JsonProperty("equity_curve") List<EquityPoint> equityCurve,
        @JsonProperty("trades") List<Trade> trades) {

    /** One signal of one day, as the scan of that day took it, and its trade. */
    public record Trade(
            @JsonProperty("signal_date") LocalDate signalDate,
            @JsonProperty("ticker") String ticker,
            @JsonProperty("name") String name,
            @JsonProperty("market") String market,
            @JsonProperty("score") int score,
            @JsonProperty("grade") String grade,
            @JsonProperty("score_parts") Map<String, Double> scoreParts,
            @JsonProperty("entry_price") long entryPrice,
            @JsonProperty("stop_loss") long stopLoss,
            @JsonProperty("target_price") long targetPrice,
            @JsonProperty("state") TradeFollower.State state,
            @JsonProperty("exit_reason") TradeFollower.Exit exitReason,
            @JsonProperty("entry_date") LocalDate entryDate,
            @JsonProperty("entry_fill") Long entryFill,
            @JsonProperty("exit_date") LocalDate exitDate,
            @JsonProperty("exit_price") Long exitPrice,
            @JsonProperty("return_pct") Double returnPct,
            @JsonProperty("return_r") Double returnR) {
    }

    /**
     * @param trades         signals taken
     * @param triggered      of them, bought (held or sold)
     * @param closed         of them, sold
     * @param winRate        percent of the sold ones that made money; null before the first
     * @param profitFactor   gross gains over gross losses in R; null without a loss
     * @param expectancyR    the average R of a sold trade
     */
    public record Figures(
            @JsonProperty("trades") int trades,
            @JsonProperty("triggered") int triggered,
            @JsonProperty("triggered_share") Double triggeredShare,
            @JsonProperty("closed") int closed,
            @JsonProperty("win_rate") Double winRate,
            @JsonProperty("avg_return_pct") Double avgReturnPct,
            @JsonProperty("median_return_pct") Double medianReturnPct,
            @JsonProperty("avg_r") Double avgR,
            @JsonProperty("median_r") Double medianR,
            @JsonProperty("profit_factor") Double profitFactor,
            @JsonProperty("expectancy_r") Double expectancyR,
            @JsonProperty("max_drawdown_r") Double maxDrawdownR) {
    }

    /** The portfolio's cumulative R after the trades sold that day. */
    public record EquityPoint(@JsonProperty("date") LocalDate date, @JsonProperty("equity_r") double equityR,
            @JsonProperty("sold") int sold) {
    }

    static BacktestReport of(int days, List<Trade> trades) {
        Map<String, Map<String, Figures>> parts = new LinkedHashMap<>();
        for (String part : List.of("trend", "contraction", "volume", "rs", "pivot", "flows")) {
            parts.put(part, grouped(trades, t -> String.valueOf(t.scoreParts().get(part))));
        }
        return new BacktestReport(days, figures(trades), grouped(trades, Trade::grade),
                grouped(trades, t -> String.valueOf(t.score())), parts, curve(trades), trades);
    }

    private static Map<String, Figures> grouped(List<Trade> trades, Function<Trade, String> key) {
        Map<String, List<Trade>> groups = new TreeMap<>();
        trades.forEach(t -> groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        Map<String, Figures> figures = new LinkedHashMap<>();
        groups.forEach((k, v) -> figures.put(k, figures(v)));
        return figures;
    }

    static Figures figures(List<Trade> trades) {
        List<Trade> sold = trades.stream().filter(t -> t.state() == TradeFollower.State.CLOSED).toList();
        int triggered = (int) trades.stream().filter(t -> t.entryDate() != null).count();
        List<Double> pct = sold.stream().map(Trade::returnPct).sorted().toList();
        List<Double> r = sold.stream().map(Trade::returnR).sorted().toList();
        double gains = r.stream().filter(x -> x > 0).mapToDouble(Double::doubleValue).sum();
        double losses = -r.stream().filter(x -> x < 0).mapToDouble(Double::doubleValue).sum();
        Double avgR = mean(r);
        return new Figures(trades.size(), triggered,
                trades.isEmpty() ? null : round(100.0 * triggered / trades.size()), sold.size(),
                sold.isEmpty() ? null : round(100.0 * pct.stream().filter(x -> x > 0).count() / sold.size()),
                mean(pct), median(pct), avgR, median(r), losses == 0 ? null : round(gains / losses), avgR,
                sold.isEmpty() ? null : maxDrawdown(curve(sold)));
    }

    private static List<EquityPoint> curve(List<Trade> trades) {
        Map<LocalDate, List<Trade>> byExit = new TreeMap<>();
        trades.stream().filter(t -> t.state() == TradeFollower.State.CLOSED)
                .forEach(t -> byExit.computeIfAbsent(t.exitDate(), d -> new ArrayList<>()).add(t));
        List<EquityPoint> curve = new ArrayList<>();
        double equity = 0;
        for (var e : byExit.entrySet()) {
            equity += e.getValue().stream().mapToDouble(Trade::returnR).sum();
            curve.add(new EquityPoint(e.getKey(), round(equity), e.getValue().size()));
        }
        return curve;
    }

    private static double maxDrawdown(List<EquityPoint> curve) {
        double peak = 0;
        double worst = 0;
        for (EquityPoint p : curve) {
            peak = Math.max(peak, p.equityR());
            worst = Math.max(worst, peak - p.equityR());
        }
        return round(worst);
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    private static Double median(List<Double> sorted) {
        int n = sorted.size();
        return n == 0 ? null : round(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Trades in the order a reader expects: by day, then best score first. */
    static final Comparator<Trade> ORDER = Comparator.comparing(Trade::signalDate)
            .thenComparing(Comparator.comparingInt(Trade::score).reversed()).thenComparing(Trade::ticker);
}
