package kr.vcp.scanner.analysis;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Daily bars of one ticker, oldest first, trading halts already removed (a halt has no prices). Arrays, not
 * objects, because the whole market is scanned at once.
 */
public record PriceSeries(LocalDate[] dates, int[] open, int[] high, int[] low, int[] close, long[] volume) {

    /** The bars at {@code indexes}, in that order: a subset, or the same bars reordered. */
    public PriceSeries select(int[] indexes) {
        int n = indexes.length;
        LocalDate[] d = new LocalDate[n];
        int[] o = new int[n];
        int[] h = new int[n];
        int[] l = new int[n];
        int[] c = new int[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            int j = indexes[i];
            d[i] = dates[j];
            o[i] = open[j];
            h[i] = high[j];
            l[i] = low[j];
            c[i] = close[j];
            v[i] = volume[j];
        }
        return new PriceSeries(d, o, h, l, c, v);
    }

    /** Bars {@code from} (inclusive) to {@code to} (exclusive); this series itself when that is all of it. */
    public PriceSeries slice(int from, int to) {
        if (from == 0 && to == size()) {
            return this;
        }
        return new PriceSeries(Arrays.copyOfRange(dates, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to));
    }

    public int size() {
        return close.length;
    }

    public int last() {
        return close.length - 1;
    }

    public LocalDate lastDate() {
        return dates[last()];
    }

    /** Mean close of the {@code length} bars ending at {@code end} (inclusive). */
    public double sma(int end, int length) {
        long sum = 0;
        for (int i = end - length + 1; i <= end; i++) {
            sum += close[i];
        }
        return (double) sum / length;
    }

    public int highestHigh(int end, int length) {
        int max = Integer.MIN_VALUE;
        for (int i = Math.max(0, end - length + 1); i <= end; i++) {
            max = Math.max(max, high[i]);
        }
        return max;
    }

    public int lowestLow(int end, int length) {
        int min = Integer.MAX_VALUE;
        for (int i = Math.max(0, end - length + 1); i <= end; i++) {
            min = Math.min(min, low[i]);
        }
        return min;
    }
}
