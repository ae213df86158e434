package kr.vcp.scanner.analysis;

import kr.vcp.model.Market;

/** A stock of the scanned universe with its bars. */
public record StockBars(String ticker, String name, Market market, PriceSeries series) {
}
