package kr.vcp.scanner.marketdata;

import java.time.LocalDate;

/** One trading day of one ticker in KRW; a halt has no open, high or low and trades nothing. */
public record DailyBar(LocalDate date, Integer open, Integer high, Integer low, int close, long volume, boolean halted) {

    public static DailyBar halt(LocalDate date, int lastClose) {
        return new DailyBar(date, null, null, null, lastClose, 0, true);
    }
}
