package kr.vcp.scanner.analysis;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built daily bars for tests: straight legs from one close to the next, each bar opening at the previous close,
 * so swing highs and lows fall exactly on the leg ends. Weekdays only.
 */
final class Bars {

    private final List<Integer> close = new ArrayList<>();
    private final List<Long> volume = new ArrayList<>();
    private LocalDate date;

    private Bars(LocalDate start, int price) {
        date = start;
        close.add(price);
        volume.add(1_000_000L);
    }

    static Bars startingAt(int price) {
        return new Bars(LocalDate.of(2024, 1, 2), price);
    }

    /** {@code days} bars moving in a straight line to {@code target}, trading {@code shares} a day. */
    Bars leg(int days, int target, long shares) {
        int from = close.get(close.size() - 1);
        for (int d = 1; d <= days; d++) {
            close.add((int) Math.round(from + (target - from) * (double) d / days));
            volume.add(shares);
        }
        return this;
    }

    PriceSeries series() {
        int n = close.size();
        LocalDate[] dates = new LocalDate[n];
        int[] open = new int[n];
        int[] high = new int[n];
        int[] low = new int[n];
        int[] c = new int[n];
        long[] v = new long[n];
        LocalDate d = date;
        for (int i = 0; i < n; i++) {
            while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                d = d.plusDays(1);
            }
            dates[i] = d;
            d = d.plusDays(1);
            c[i] = close.get(i);
            open[i] = i == 0 ? c[i] : close.get(i - 1);
            high[i] = Math.max(open[i], c[i]);
            low[i] = Math.min(open[i], c[i]);
            v[i] = volume.get(i);
        }
        return new PriceSeries(dates, open, high, low, c, v);
    }
}
