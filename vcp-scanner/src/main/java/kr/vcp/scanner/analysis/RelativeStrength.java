package kr.vcp.scanner.analysis;

import java.util.Arrays;

/** IBD-style relative strength: weighted 3/6/9/12-month performance, ranked 1..99 across the scanned universe. */
public final class RelativeStrength {

    private static final int QUARTER = 63;

    private RelativeStrength() {
    }

    /** 40% the last quarter, 20% each of the three before; a short history uses its oldest bar for the rest. */
    public static double raw(PriceSeries s) {
        int last = s.last();
        double c = s.close()[last];
        double score = 0;
        double[] weights = {0.4, 0.2, 0.2, 0.2};
        for (int q = 1; q <= 4; q++) {
            score += weights[q - 1] * c / s.close()[Math.max(0, last - q * QUARTER)];
        }
        return score;
    }

    /** Percentile ratings 1..99 in the order of {@code raws}; ties share a rating, a universe of one rates 99. */
    public static int[] ratings(double[] raws) {
        int n = raws.length;
        int[] ratings = new int[n];
        if (n == 0) {
            return ratings;
        }
        double[] sorted = raws.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            int below = lowerBound(sorted, raws[i]);
            ratings[i] = n == 1 ? 99 : 1 + (int) Math.floor(98.0 * below / (n - 1));
        }
        return ratings;
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
