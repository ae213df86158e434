package kr.vcp.scanner.scan;

/** A scan was asked of a market that a running scan already covers. */
public class ScanConflictException extends RuntimeException {

    public ScanConflictException(String message) {
        super(message);
    }
}
