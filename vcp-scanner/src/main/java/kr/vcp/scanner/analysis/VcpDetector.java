package kr.vcp.scanner.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds a volatility contraction pattern at the end of a price series: a base that starts at its highest high and
 * pulls back two to six times, each pullback shallower than the one before, the last one tight, on drying volume,
 * with the price just under (or at) the high of the last contraction, the pivot.
 */
public final class VcpDetector {

    /**
     * Every threshold of the pattern; the defaults and their reasons are in {@code ScannerConfig.Vcp}.
     */
    public record Rules(double swingThreshold, int minBaseBars, int maxBaseBars, int minContractions,
            int maxContractions, double maxFirstDepth, double maxLastDepth, double minTailDepth,
            double maxPivotDistance, double maxExtension, double maxDryUp, int volumeAverageBars) {
    }

    /** One pullback: from a swing high to the lowest low before the price turned up again. */
    public record Contraction(int highIndex, int high, int lowIndex, int low, double depth, double averageVolume) {
    }

    /**
     * What the base looks like, whether or not it is a valid VCP.
     *
     * @param baseStart     index of the base's highest high, where it begins
     * @param contractions  oldest first
     * @param pivot         the high of the last contraction: the buy point
     * @param lastLow       the low of the last contraction: the stop goes under it
     * @param dryUp         average volume of the last contraction over the 50-day average
     * @param pivotDistance how far the close is under the pivot (negative: above it)
     * @param failures      why it is not a valid, actionable VCP; empty when it is
     */
    public record Pattern(int baseStart, int baseBars, List<Contraction> contractions, int pivot, int lastLow,
            double dryUp, double pivotDistance, List<String> failures) {

        public boolean valid() {
            return failures.isEmpty();
        }

        /** Depth of the last contraction over the first: 0.25 means the swings shrank to a quarter. */
        public double contractionRatio() {
            return contractions.get(contractions.size() - 1).depth() / contractions.get(0).depth();
        }
    }

    private final Rules rules;

    public VcpDetector(Rules rules) {
        this.rules = rules;
    }

    /** The base ending at the last bar; null when the series makes its high now and so has no base. */
    public Pattern detect(PriceSeries s) {
        int to = s.last();
        int windowStart = Math.max(0, to - rules.maxBaseBars() + 1);
        int baseStart = windowStart;
        for (int i = windowStart; i <= to; i++) {
            if (s.high()[i] > s.high()[baseStart]) {
                baseStart = i;
            }
        }
        int baseBars = to - baseStart + 1;
        if (baseBars < 2) {
            return null;
        }
        List<Contraction> contractions = contractions(s, baseStart, to);
        List<String> failures = new ArrayList<>();
        if (baseBars < rules.minBaseBars()) {
            failures.add(String.format(Locale.ROOT, "베이스 %d일: %d일 이상 필요", baseBars, rules.minBaseBars()));
        }
        if (contractions.size() < rules.minContractions() || contractions.size() > rules.maxContractions()) {
            failures.add(String.format(Locale.ROOT, "수축 %d회: %d~%d회 필요", contractions.size(),
                    rules.minContractions(), rules.maxContractions()));
        }
        if (contractions.isEmpty()) {
            return new Pattern(baseStart, baseBars, contractions, s.high()[baseStart], s.low()[to], 1, 1, failures);
        }
        Contraction first = contractions.get(0);
        Contraction last = contractions.get(contractions.size() - 1);
        if (first.depth() > rules.maxFirstDepth()) {
            failures.add(String.format(Locale.ROOT, "첫 수축 %.0f%%: %.0f%% 이하 필요", first.depth() * 100,
                    rules.maxFirstDepth() * 100));
        }
        for (int i = 1; i < contractions.size(); i++) {
            if (contractions.get(i).depth() >= contractions.get(i - 1).depth()) {
                failures.add(String.format(Locale.ROOT, "수축 %d (%.0f%%)이 앞 수축 (%.0f%%)보다 얕지 않음", i + 1,
                        contractions.get(i).depth() * 100, contractions.get(i - 1).depth() * 100));
            }
        }
        if (last.depth() > rules.maxLastDepth()) {
            failures.add(String.format(Locale.ROOT, "마지막 수축 %.1f%%: %.0f%% 이하 필요", last.depth() * 100,
                    rules.maxLastDepth() * 100));
        }
        double dryUp = mean(s.volume(), last.highIndex(), to) / mean(s.volume(), to - rules.volumeAverageBars() + 1, to);
        if (dryUp > rules.maxDryUp()) {
            failures.add(String.format(Locale.ROOT, "거래량 감소 부족 %.2f: %.2f 이하 필요", dryUp, rules.maxDryUp()));
        }
        int pivot = last.high();
        double distance = (pivot - (double) s.close()[to]) / pivot;
        if (distance > rules.maxPivotDistance()) {
            failures.add(String.format(Locale.ROOT, "피벗까지 %.1f%%: %.0f%% 이내 필요", distance * 100,
                    rules.maxPivotDistance() * 100));
        } else if (distance < -rules.maxExtension()) {
            failures.add(String.format(Locale.ROOT, "피벗 위 %.1f%%: 이미 돌파 후 확장", -distance * 100));
        }
        return new Pattern(baseStart, baseBars, contractions, pivot, last.low(), dryUp, distance, failures);
    }

    /** The pullbacks of the base: zigzag swings, plus a final shallow dip the zigzag is too coarse to confirm. */
    List<Contraction> contractions(PriceSeries s, int baseStart, int to) {
        Zigzag.Result zigzag = Zigzag.fromHigh(s, baseStart, to, rules.swingThreshold());
        List<Swing> swings = zigzag.swings();
        List<Contraction> out = new ArrayList<>();
        for (int i = 0; i + 1 < swings.size(); i += 2) {
            out.add(contraction(s, swings.get(i), swings.get(i + 1)));
        }
        Swing lastSwing = swings.get(swings.size() - 1);
        Swing tentative = zigzag.tentative();
        if (lastSwing.high()) {
            if (tentative != null) {
                out.add(contraction(s, lastSwing, tentative));
            }
        } else if (tentative != null && tentative.index() < to) {
            int low = tentative.index() + 1;
            for (int i = low + 1; i <= to; i++) {
                if (s.low()[i] < s.low()[low]) {
                    low = i;
                }
            }
            Contraction tail = contraction(s, tentative, new Swing(low, s.low()[low], false));
            if (tail.depth() >= rules.minTailDepth()) {
                out.add(tail);
            }
        }
        return out;
    }

    private static Contraction contraction(PriceSeries s, Swing high, Swing low) {
        return new Contraction(high.index(), high.price(), low.index(), low.price(),
                (high.price() - (double) low.price()) / high.price(), mean(s.volume(), high.index(), low.index()));
    }

    private static double mean(long[] values, int from, int to) {
        int start = Math.max(0, from);
        double sum = 0;
        for (int i = start; i <= to; i++) {
            sum += values[i];
        }
        return sum / (to - start + 1);
    }
}
