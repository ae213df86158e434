package kr.vcp.scanner.stock;

import kr.vcp.scanner.errors.RefusedException;

/** A ticker without stored bars: 404. */
public class UnknownTickerException extends RefusedException {

    public UnknownTickerException(String message) {
        super(404, "unknown_ticker", message);
    }
}
