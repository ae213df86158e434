package kr.vcp.scanner.marketdata;

import java.time.LocalDate;

/** One trading day of a KRX index (KOSPI, KOSDAQ): its levels and the shares traded. */
public record IndexBar(LocalDate date, double open, double high, double low, double close, long volume) {
}
