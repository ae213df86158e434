package kr.vcp.scanner.analysis;

import kr.vcp.model.Market;

/** A stock of the scanned universe with its bars and, where imported, its investor flows (else null). */
public record StockBars(String ticker, String name, Market market, PriceSeries series, InvestorFlows flows) {

    public StockBars(String ticker, String name, Market market, PriceSeries series) {
        this(ticker, name, market, series, null);
    }
}
