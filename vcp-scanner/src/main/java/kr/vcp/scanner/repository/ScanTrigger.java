package kr.vcp.scanner.repository;

/** Who started a scan. */
public enum ScanTrigger {
    /** {@code POST /scan} */
    MANUAL,
    /** the cron schedule */
    SCHEDULE
}
