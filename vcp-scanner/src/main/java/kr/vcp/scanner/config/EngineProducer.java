package kr.vcp.scanner.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import kr.vcp.scanner.analysis.InvestorFlows;
import kr.vcp.scanner.analysis.RiskPlan;
import kr.vcp.scanner.analysis.TradeFollower;
import kr.vcp.scanner.analysis.Universe;
import kr.vcp.scanner.analysis.VcpDetector;
import kr.vcp.scanner.analysis.VcpEngine;

/**
 * Builds the pure analysis engine and the trade rules from configuration, so the engine itself knows nothing of CDI;
 * a backtest builds its own from the same configuration with some of it overridden.
 */
public class EngineProducer {

    /** What a backtest may override, by the name its request uses: each is the property of the same name. */
    public static final Set<String> OVERRIDABLE = Set.of("min_rs_rating", "min_trend_criteria", "max_first_depth",
            "max_last_depth", "max_dry_up", "max_pivot_distance", "max_stop_distance", "reward_to_risk",
            "trigger_days", "hold_days");

    @Produces
    @Singleton
    VcpEngine engine(ScannerConfig config) {
        return engine(config, Map.of());
    }

    @Produces
    @Singleton
    TradeFollower follower(ScannerConfig config) {
        return follower(config, Map.of());
    }

    /** The engine of {@code config} with {@code overrides} (names of {@link #OVERRIDABLE}) in place of its values. */
    public static VcpEngine engine(ScannerConfig config, Map<String, Double> overrides) {
        ScannerConfig.Universe u = config.universe();
        ScannerConfig.Vcp v = config.vcp();
        ScannerConfig.Risk r = config.risk();
        return new VcpEngine(new VcpEngine.Settings(
                new Universe.Rules(u.minPrice(), u.minBars(), u.minTradedValue(), u.liquidityBars()),
                (int) get(overrides, "min_rs_rating", u.minRsRating()),
                (int) get(overrides, "min_trend_criteria", u.minTrendCriteria()),
                new VcpDetector.Rules(v.swingThreshold(), v.minBaseBars(), v.maxBaseBars(), v.minContractions(),
                        v.maxContractions(), get(overrides, "max_first_depth", v.maxFirstDepth()),
                        get(overrides, "max_last_depth", v.maxLastDepth()), v.minTailDepth(),
                        get(overrides, "max_pivot_distance", v.maxPivotDistance()), v.maxExtension(),
                        get(overrides, "max_dry_up", v.maxDryUp()), v.volumeAverageBars()),
                new RiskPlan.Rules(get(overrides, "max_stop_distance", r.maxStopDistance()),
                        get(overrides, "reward_to_risk", r.rewardToRisk()), r.accountSize(), r.riskPerTrade(),
                        r.maxPositionWeight()),
                new InvestorFlows.Rules(config.flows().recentDays(), config.flows().priorDays())));
    }

    /** The trade rules of {@code config} with {@code overrides} in place of its values. */
    public static TradeFollower follower(ScannerConfig config, Map<String, Double> overrides) {
        ScannerConfig.Track t = config.track();
        return new TradeFollower(new TradeFollower.Rules((int) get(overrides, "trigger_days", t.triggerDays()),
                (int) get(overrides, "hold_days", t.holdDays()), t.sellTax(), t.commission(), t.slippage()));
    }

    private static double get(Map<String, Double> overrides, String name, double configured) {
        return overrides.getOrDefault(name, configured);
    }
}
