package kr.vcp.scanner.errors;

/** A scan was asked of a market, or a day, that no bars are stored for. */
public class NoMarketDataException extends RuntimeException {

    public NoMarketDataException(String message) {
        super(message);
    }
}
