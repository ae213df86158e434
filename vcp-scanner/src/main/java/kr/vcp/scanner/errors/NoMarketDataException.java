package kr.vcp.scanner.errors;

/** A scan was asked of a market, or a day, that no bars are stored for: 422. */
public class NoMarketDataException extends RefusedException {

    public NoMarketDataException(String message) {
        super(422, "no_market_data", message);
    }
}
