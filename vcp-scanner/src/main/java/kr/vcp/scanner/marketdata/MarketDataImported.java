package kr.vcp.scanner.marketdata;

/** An import changed the market: sent on the event bus at {@link #ADDRESS} after its commit, by the replica that wrote it. */
public record MarketDataImported(String source, int rows) {

    public static final String ADDRESS = "market-data-imported";
}
