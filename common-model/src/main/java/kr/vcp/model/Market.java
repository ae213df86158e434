package kr.vcp.model;

/** The two KRX equity markets this system scans. */
public enum Market {
    KOSPI,
    KOSDAQ
}
