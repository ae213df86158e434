package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VcpDetectorTest {

    static final VcpDetector.Rules RULES = new VcpDetector.Rules(0.05, 15, 130, 2, 6, 0.40, 0.12, 0.02, 0.05, 0.02,
            0.85, 50);
    private static final VcpDetector DETECTOR = new VcpDetector(RULES);

    /** A stage-2 advance, then a base of 25% -> 12% -> 6% pullbacks on shrinking volume, closing just under 29,000. */
    static Bars textbookBase() {
        return Bars.startingAt(10_000)
                .leg(250, 30_000, 1_000_000)
                .leg(10, 22_500, 1_200_000)
                .leg(10, 29_500, 900_000)
                .leg(7, 25_960, 700_000)
                .leg(7, 29_000, 600_000)
                .leg(5, 27_260, 350_000)
                .leg(4, 28_700, 300_000);
    }

    @Test
    void findsTheThreeContractionsPivotAndLowOfATextbookBase() {
        VcpDetector.Pattern p = DETECTOR.detect(textbookBase().series());

        assertTrue(p.valid(), String.valueOf(p.failures()));
        assertEquals(List.of(30_000, 29_500, 29_000), p.contractions().stream().map(VcpDetector.Contraction::high).toList());
        assertEquals(List.of(22_500, 25_960, 27_260), p.contractions().stream().map(VcpDetector.Contraction::low).toList());
        assertEquals(0.25, p.contractions().get(0).depth(), 1e-9);
        assertEquals(0.12, p.contractions().get(1).depth(), 1e-9);
        assertEquals(0.06, p.contractions().get(2).depth(), 1e-9);
        assertEquals(29_000, p.pivot());
        assertEquals(27_260, p.lastLow());
        assertEquals(44, p.baseBars()); // the high day and the 43 bars after it
        assertEquals(0.24, p.contractionRatio(), 1e-9);
        assertEquals((29_000 - 28_700) / 29_000.0, p.pivotDistance(), 1e-9);
        assertTrue(p.dryUp() < 0.5, "volume dried up: " + p.dryUp());
    }

    @Test
    void aShallowLastDipBelowTheZigzagThresholdStillCountsAsTheTightContraction() {
        PriceSeries s = Bars.startingAt(10_000)
                .leg(250, 30_000, 1_000_000)
                .leg(10, 24_000, 1_000_000)   // 20%
                .leg(10, 29_400, 800_000)
                .leg(6, 26_460, 600_000)      // 10%
                .leg(6, 29_000, 500_000)
                .leg(3, 28_130, 300_000)      // 3%: the zigzag cannot confirm it
                .leg(2, 28_700, 300_000)
                .series();

        VcpDetector.Pattern p = DETECTOR.detect(s);

        assertTrue(p.valid(), String.valueOf(p.failures()));
        assertEquals(3, p.contractions().size());
        assertEquals(0.03, p.contractions().get(2).depth(), 1e-9);
        assertEquals(29_000, p.pivot());
        assertEquals(28_130, p.lastLow());
    }

    @Test
    void aWideAndLooseBaseWhosePullbacksGrowIsRejected() {
        PriceSeries s = Bars.startingAt(10_000)
                .leg(250, 30_000, 1_000_000)
                .leg(8, 25_500, 900_000)      // 15%
                .leg(8, 29_000, 900_000)
                .leg(10, 21_750, 900_000)     // 25%
                .leg(12, 28_800, 400_000)
                .series();

        VcpDetector.Pattern p = DETECTOR.detect(s);

        assertFalse(p.valid());
        assertTrue(p.failures().stream().anyMatch(f -> f.contains("얕지 않음")), String.valueOf(p.failures()));
    }

    @Test
    void aFirstPullbackDeeperThanFortyPercentIsNotAVcp() {
        PriceSeries s = Bars.startingAt(10_000)
                .leg(250, 30_000, 1_000_000)
                .leg(15, 16_500, 1_000_000)   // 45%
                .leg(15, 29_000, 700_000)
                .leg(5, 27_550, 300_000)      // 5%
                .leg(3, 28_800, 300_000)
                .series();

        VcpDetector.Pattern p = DETECTOR.detect(s);

        assertTrue(p.failures().stream().anyMatch(f -> f.startsWith("첫 수축 45%")), String.valueOf(p.failures()));
    }

    @Test
    void aPriceFarBelowThePivotIsNotActionableYet() {
        PriceSeries s = textbookBase().leg(3, 26_000, 300_000).series();

        VcpDetector.Pattern p = DETECTOR.detect(s);

        assertFalse(p.valid());
        assertTrue(p.failures().stream().anyMatch(f -> f.startsWith("피벗까지") || f.startsWith("마지막 수축")),
                String.valueOf(p.failures()));
    }

    @Test
    void aBreakoutAlreadyWellAboveThePivotIsExtended() {
        PriceSeries s = textbookBase().leg(3, 29_900, 800_000).series();

        VcpDetector.Pattern p = DETECTOR.detect(s);

        assertTrue(p.failures().stream().anyMatch(f -> f.startsWith("피벗 위")), String.valueOf(p.failures()));
    }

    @Test
    void volumeThatDoesNotDryUpFailsTheSetup() {
        PriceSeries s = Bars.startingAt(10_000)
                .leg(250, 30_000, 1_000_000)
                .leg(10, 22_500, 1_000_000)
                .leg(10, 29_500, 1_000_000)
                .leg(7, 25_960, 1_000_000)
                .leg(7, 29_000, 1_000_000)
                .leg(5, 27_260, 1_500_000)
                .leg(4, 28_700, 1_500_000)
                .series();

        VcpDetector.Pattern p = DETECTOR.detect(s);

        assertTrue(p.failures().stream().anyMatch(f -> f.startsWith("거래량 감소 부족")), String.valueOf(p.failures()));
    }

    @Test
    void aStockMakingItsHighTodayHasNoBase() {
        assertNull(DETECTOR.detect(Bars.startingAt(10_000).leg(300, 30_000, 1_000_000).series()));
    }
}
