package kr.vcp.scanner.scan;

/** Who started a scan. */
public enum ScanTrigger {
    /** {@code POST /scan} */
    MANUAL,
    /** the cron schedule */
    SCHEDULE
}
