package kr.vcp.scanner.scan;

/** Where a scan is. */
public enum ScanStatus {
    RUNNING,
    /** Signals stored and their event queued in the outbox, in one transaction. */
    SUCCEEDED,
    /** Nothing stored. */
    FAILED
}
