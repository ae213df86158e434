package kr.vcp.scanner.rest;

/** A ticker without stored bars. */
public class UnknownTickerException extends RuntimeException {

    public UnknownTickerException(String message) {
        super(message);
    }
}
