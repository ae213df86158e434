package kr.vcp.scanner.marketdata;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import kr.vcp.scanner.analysis.PriceSeries;

/**
 * One trading day of one ticker in KRW; a halt has no open, high or low (0, stored as NULL) and trades nothing.
 * Primitive fields: an import holds a million of these until it has written them.
 */
public record DailyBar(LocalDate date, int open, int high, int low, int close, long volume, boolean halted) {

    public static DailyBar halt(LocalDate date, int lastClose) {
        return new DailyBar(date, 0, 0, 0, lastClose, 0, true);
    }

    /** The traded days of {@code bars}, in their order, as the engine's columns: a halt has no prices. */
    public static PriceSeries traded(Collection<DailyBar> bars) {
        List<DailyBar> traded = bars.stream().filter(b -> !b.halted()).toList();
        int n = traded.size();
        LocalDate[] dates = new LocalDate[n];
        int[] open = new int[n];
        int[] high = new int[n];
        int[] low = new int[n];
        int[] close = new int[n];
        long[] volume = new long[n];
        for (int i = 0; i < n; i++) {
            DailyBar b = traded.get(i);
            dates[i] = b.date();
            open[i] = b.open();
            high[i] = b.high();
            low[i] = b.low();
            close[i] = b.close();
            volume[i] = b.volume();
        }
        return new PriceSeries(dates, open, high, low, close, volume);
    }
}
