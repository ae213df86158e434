package kr.vcp.scanner.marketdata;

import java.time.LocalDate;

/** One day's net buying of one ticker in KRW, by investor group (pykrx's columns). */
public record InvestorFlow(LocalDate date, long institution, long otherCorporations, long individuals, long foreigners,
        long total) {
}
