package kr.vcp.model;

/** Contract {@code signal_type}; this system produces VCP signals only. */
public enum SignalType {
    VCP
}
