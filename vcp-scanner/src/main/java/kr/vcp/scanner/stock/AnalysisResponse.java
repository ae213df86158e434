package kr.vcp.scanner.stock;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import kr.vcp.scanner.analysis.Evaluation;
import kr.vcp.scanner.analysis.PriceSeries;
import kr.vcp.scanner.analysis.TrendTemplate;
import kr.vcp.scanner.analysis.VcpDetector;

/** {@code GET /analysis/{ticker}}: everything the engine saw, so a trader sees why a stock is, or is not, a signal. */
public record AnalysisResponse(
        @JsonProperty("ticker") String ticker,
        @JsonProperty("name") String name,
        @JsonProperty("market") Market market,
        @JsonProperty("as_of") LocalDate asOf,
        @JsonProperty("close") double close,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("signal") Signal signal,
        @JsonProperty("exclusions") List<String> exclusions,
        @JsonProperty("trend_template") Trend trend,
        @JsonProperty("rs_rating") int rsRating,
        @JsonProperty("pattern") Pattern pattern,
        @JsonProperty("score") Evaluation.Score score,
        @JsonProperty("risk_plan") Plan plan,
        @JsonProperty("bars") List<Bar> bars) {

    /** Bars before the base shown for context on a chart; without a base, the chart shows the last {@link #PLAIN_CHART}. */
    static final int CONTEXT_BARS = 20;
    static final int PLAIN_CHART = 120;

    /** One trading day, oldest first in {@code bars}: the base and a little before it, to draw the pattern on. */
    public record Bar(
            @JsonProperty("date") LocalDate date,
            @JsonProperty("open") int open,
            @JsonProperty("high") int high,
            @JsonProperty("low") int low,
            @JsonProperty("close") int close,
            @JsonProperty("volume") long volume) {
    }

    public record Trend(
            @JsonProperty("passed") int passed,
            @JsonProperty("criteria") List<TrendTemplate.Criterion> criteria) {
    }

    public record Contraction(
            @JsonProperty("high_date") LocalDate highDate,
            @JsonProperty("high") int high,
            @JsonProperty("low_date") LocalDate lowDate,
            @JsonProperty("low") int low,
            @JsonProperty("depth") double depth,
            @JsonProperty("average_volume") long averageVolume) {
    }

    public record Pattern(
            @JsonProperty("valid") boolean valid,
            @JsonProperty("base_start") LocalDate baseStart,
            @JsonProperty("base_bars") int baseBars,
            @JsonProperty("contractions") List<Contraction> contractions,
            @JsonProperty("contraction_ratio") Double contractionRatio,
            @JsonProperty("pivot") int pivot,
            @JsonProperty("last_low") int lastLow,
            @JsonProperty("dry_up_ratio") double dryUp,
            @JsonProperty("pivot_distance") double pivotDistance,
            @JsonProperty("failures") List<String> failures) {
    }

    public record Plan(
            @JsonProperty("entry") long entry,
            @JsonProperty("stop") long stop,
            @JsonProperty("target") long target,
            @JsonProperty("shares") long shares,
            @JsonProperty("risk_per_share") long riskPerShare) {
    }

    public static AnalysisResponse of(Evaluation e) {
        return new AnalysisResponse(e.ticker(), e.name(), e.market(), e.asOf(), e.close(), e.verdict(), e.signal(),
                e.exclusions(), new Trend(e.trendPassed(), e.trend()), e.rsRating(),
                e.pattern() == null ? null : pattern(e.pattern(), e.series()), e.score(),
                e.plan() == null ? null : new Plan(e.plan().entry(), e.plan().stop(), e.plan().target(),
                        e.plan().shares(), e.plan().entry() - e.plan().stop()),
                bars(e.series(), e.pattern() == null ? e.series().size() - PLAIN_CHART : e.pattern().baseStart() - CONTEXT_BARS));
    }

    private static List<Bar> bars(PriceSeries s, int from) {
        return IntStream.range(Math.max(0, from), s.size())
                .mapToObj(i -> new Bar(s.dates()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]))
                .toList();
    }

    private static Pattern pattern(VcpDetector.Pattern p, PriceSeries s) {
        List<Contraction> contractions = p.contractions().stream()
                .map(c -> new Contraction(s.dates()[c.highIndex()], c.high(), s.dates()[c.lowIndex()], c.low(),
                        c.depth(), Math.round(c.averageVolume())))
                .toList();
        return new Pattern(p.valid(), s.dates()[p.baseStart()], p.baseBars(), contractions,
                contractions.isEmpty() ? null : p.contractionRatio(), p.pivot(), p.lastLow(), p.dryUp(),
                p.pivotDistance(), p.failures());
    }
}
