package kr.vcp.scanner.repository;

/** Where a scan is. */
public enum ScanStatus {
    RUNNING,
    /** Signals stored and the event acknowledged by Kafka. */
    SUCCEEDED,
    /** Signals stored, the event not acknowledged: see the scan's error. */
    UNPUBLISHED,
    /** Nothing stored. */
    FAILED
}
