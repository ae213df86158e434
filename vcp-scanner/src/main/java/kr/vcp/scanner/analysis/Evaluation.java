package kr.vcp.scanner.analysis;

import java.time.LocalDate;
import java.util.List;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;

/**
 * Everything the engine saw in one stock on one day: why it is, or is not, a signal.
 *
 * @param exclusions why it is outside the universe; empty when it was analysed
 * @param trend      the eight trend-template criteria (empty when excluded)
 * @param pattern    the base, valid or not; null when excluded or when the stock makes its high now
 * @param score      the parts of the score (zero when there is no valid pattern)
 * @param plan       entry, stop, target and size; null without a valid pattern
 * @param signal     the contract signal; null unless every condition holds
 * @param verdict    one line: why it is or is not a signal
 * @param series     the bars it was judged on (the pattern's indexes point into them)
 */
public record Evaluation(String ticker, String name, Market market, LocalDate asOf, double close,
        List<String> exclusions, List<TrendTemplate.Criterion> trend, int trendPassed, int rsRating,
        VcpDetector.Pattern pattern, Score score, RiskPlan plan, Signal signal, String verdict, PriceSeries series) {

    /**
     * The score's parts, documented in README: trend template up to 2, contractions up to 3, volume dry-up up to 2,
     * relative strength up to 2, pivot distance up to 1; investor flows add up to 1; the total is capped at 10.
     */
    public record Score(double trend, double contraction, double volume, double rs, double pivot, double flows,
            int total) {

        public static final Score NONE = new Score(0, 0, 0, 0, 0, 0, 0);
    }
}
