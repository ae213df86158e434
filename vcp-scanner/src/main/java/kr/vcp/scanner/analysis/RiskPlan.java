package kr.vcp.scanner.analysis;

/**
 * Entry, stop, target and size of one trade, all on the KRX tick grid.
 *
 * @param entry    buy stop just above the pivot
 * @param stop     under the recent low, never further than the configured maximum below the entry
 * @param target   entry plus the configured multiple of the risk
 * @param shares   sized so a stopped-out trade loses the configured share of the account, capped by position weight
 */
public record RiskPlan(long entry, long stop, long target, long shares) {

    /** What a plan is made from; every number comes from configuration. */
    public record Rules(double maxStopDistance, double rewardToRisk, long accountSize, double riskPerTrade,
            double maxPositionWeight) {
    }

    public static RiskPlan of(double pivot, double supportLow, Rules rules) {
        long entry = TickGrid.ceil(pivot);
        double deepest = entry * (1 - rules.maxStopDistance());
        long stop = TickGrid.floor(Math.max(supportLow, deepest));
        if (stop < deepest) {
            stop = TickGrid.ceil(deepest);
        }
        if (stop >= entry) {
            stop = TickGrid.floor(entry - TickGrid.tick(entry) * 0.5);
        }
        long risk = entry - stop;
        long target = TickGrid.floor(entry + rules.rewardToRisk() * risk);
        long byRisk = (long) Math.floor(rules.accountSize() * rules.riskPerTrade() / risk);
        long byWeight = (long) Math.floor(rules.accountSize() * rules.maxPositionWeight() / entry);
        return new RiskPlan(entry, stop, target, Math.max(0, Math.min(byRisk, byWeight)));
    }
}
