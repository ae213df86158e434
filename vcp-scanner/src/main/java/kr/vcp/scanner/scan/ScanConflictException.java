package kr.vcp.scanner.scan;

import kr.vcp.scanner.errors.RefusedException;

/** A scan was asked of a market that a running scan already covers: 409. */
public class ScanConflictException extends RefusedException {

    public ScanConflictException(String message) {
        super(409, "scan_running", message);
    }
}
