package kr.vcp.model;

/** Contract grades, best first. */
public enum Grade {
    S,
    A,
    B,
    C
}
