package kr.vcp.scanner.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import kr.vcp.scanner.analysis.InvestorFlows;
import kr.vcp.scanner.analysis.RiskPlan;
import kr.vcp.scanner.analysis.TradeFollower;
import kr.vcp.scanner.analysis.Universe;
import kr.vcp.scanner.analysis.VcpDetector;
import kr.vcp.scanner.analysis.VcpEngine;

/** Builds the pure analysis engine from configuration, so the engine itself knows nothing of CDI. */
public class EngineProducer {

    @Produces
    @Singleton
    VcpEngine engine(ScannerConfig config) {
        ScannerConfig.Universe u = config.universe();
        ScannerConfig.Vcp v = config.vcp();
        ScannerConfig.Risk r = config.risk();
        return new VcpEngine(new VcpEngine.Settings(
                new Universe.Rules(u.minPrice(), u.minBars(), u.minTradedValue(), u.liquidityBars()),
                u.minRsRating(), u.minTrendCriteria(),
                new VcpDetector.Rules(v.swingThreshold(), v.minBaseBars(), v.maxBaseBars(), v.minContractions(),
                        v.maxContractions(), v.maxFirstDepth(), v.maxLastDepth(), v.minTailDepth(),
                        v.maxPivotDistance(), v.maxExtension(), v.maxDryUp(), v.volumeAverageBars()),
                new RiskPlan.Rules(r.maxStopDistance(), r.rewardToRisk(), r.accountSize(), r.riskPerTrade(),
                        r.maxPositionWeight()),
                new InvestorFlows.Rules(config.flows().recentDays(), config.flows().priorDays())));
    }

    @Produces
    @Singleton
    TradeFollower follower(ScannerConfig config) {
        ScannerConfig.Track t = config.track();
        return new TradeFollower(new TradeFollower.Rules(t.triggerDays(), t.holdDays(), t.sellTax(), t.commission(),
                t.slippage()));
    }
}
