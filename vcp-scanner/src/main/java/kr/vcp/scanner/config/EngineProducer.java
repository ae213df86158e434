package kr.vcp.scanner.config;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import kr.vcp.scanner.analysis.RiskPlan;
import kr.vcp.scanner.analysis.TrendTemplateEngine;

/** Builds the pure analysis engine from configuration, so the engine itself knows nothing of CDI. */
public class EngineProducer {

    @Produces
    @Singleton
    TrendTemplateEngine engine(ScannerConfig config) {
        ScannerConfig.Risk risk = config.risk();
        return new TrendTemplateEngine(new TrendTemplateEngine.Settings(
                config.universe().minPrice(), config.universe().minBars(), config.universe().minRsRating(),
                risk.pivotLookback(), new RiskPlan.Rules(risk.maxStopDistance(), risk.rewardToRisk(),
                        risk.accountSize(), risk.riskPerTrade(), risk.maxPositionWeight())));
    }
}
