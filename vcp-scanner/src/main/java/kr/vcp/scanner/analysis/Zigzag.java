package kr.vcp.scanner.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Percentage zigzag over bar highs and lows: a swing is confirmed once the price has come back {@code threshold}
 * from it. Starts at a known swing high (the left side of a base) and walks forward.
 */
public final class Zigzag {

    /**
     * @param swings    confirmed swings, alternating high and low, starting with the high at {@code from}; the last
     *                  one is the latest confirmed swing
     * @param tentative the extreme of the unfinished leg after the last swing (a low after a high, a high after a
     *                  low), or null when no bar has moved against the last swing yet
     */
    public record Result(List<Swing> swings, Swing tentative) {
    }

    private Zigzag() {
    }

    public static Result fromHigh(PriceSeries s, int from, int to, double threshold) {
        List<Swing> swings = new ArrayList<>();
        Swing last = new Swing(from, s.high()[from], true);
        Swing candidate = null;
        for (int i = from + 1; i <= to; i++) {
            if (last.high()) {
                if (s.high()[i] > last.price()) {
                    last = new Swing(i, s.high()[i], true); // the high extends: any dip so far was noise
                    candidate = null;
                    continue;
                }
                if (candidate == null || s.low()[i] < candidate.price()) {
                    candidate = new Swing(i, s.low()[i], false);
                }
                if (candidate.index() < i && s.high()[i] >= candidate.price() * (1 + threshold)) {
                    swings.add(last);
                    last = candidate;
                    candidate = new Swing(i, s.high()[i], true);
                }
            } else {
                if (s.low()[i] < last.price()) {
                    last = new Swing(i, s.low()[i], false); // the low extends
                    candidate = null;
                    continue;
                }
                if (candidate == null || s.high()[i] > candidate.price()) {
                    candidate = new Swing(i, s.high()[i], true);
                }
                if (candidate.index() < i && s.low()[i] <= candidate.price() * (1 - threshold)) {
                    swings.add(last);
                    last = candidate;
                    candidate = new Swing(i, s.low()[i], false);
                }
            }
        }
        swings.add(last);
        return new Result(swings, candidate);
    }
}
