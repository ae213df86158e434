package kr.vcp.scanner.marketdata;

import kr.vcp.model.Market;

/** A row of the stock master. */
public record StockListing(String ticker, String name, Market market) {
}
