package kr.vcp.scanner.stock;

/** A ticker without stored bars. */
public class UnknownTickerException extends RuntimeException {

    public UnknownTickerException(String message) {
        super(message);
    }
}
