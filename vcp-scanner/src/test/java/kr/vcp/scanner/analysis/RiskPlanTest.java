package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RiskPlanTest {

    private static final RiskPlan.Rules RULES = new RiskPlan.Rules(0.08, 2.5, 100_000_000, 0.01, 0.20);

    @Test
    void stopUnderTheSupportWhenItIsWithinEightPercent() {
        RiskPlan plan = RiskPlan.of(74_950, 72_040, RULES);

        assertEquals(75_000, plan.entry());
        assertEquals(72_000, plan.stop());
        assertEquals(82_500, plan.target()); // 75,000 + 2.5 x 3,000
        // 1% of 100M = 1,000,000 at risk / 3,000 per share = 333 shares; the 20% cap allows 266.
        assertEquals(266, plan.shares());
    }

    @Test
    void stopNeverMoreThanEightPercentBelowEntry() {
        RiskPlan plan = RiskPlan.of(10_000, 8_000, RULES);

        assertEquals(10_000, plan.entry());
        assertEquals(9_200, plan.stop());
        assertEquals(12_000, plan.target());
        assertEquals(1_250, plan.shares()); // 1,000,000 / 800 = 1,250; the cap allows 2,000
    }

    @Test
    void stopRoundsUpWhenTheEightPercentBoundFallsBetweenTicks() {
        RiskPlan plan = RiskPlan.of(52_300, 40_000, RULES);

        assertEquals(52_300, plan.entry());
        assertEquals(48_150, plan.stop()); // 52,300 x 0.92 = 48,116 -> the grid above it, tick 50
        assertEquals(62_600, plan.target()); // 52,300 + 2.5 x 4,150 = 62,675, down to the 100-won grid
    }
}
